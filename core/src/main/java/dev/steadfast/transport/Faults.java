package dev.steadfast.transport;

import dev.steadfast.spi.transport.Message;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The faults an {@link InprocNetwork} injects into the requests it carries, each chosen by the network's seeded
 * random generator so that a single-threaded scenario replays exactly.
 *
 * @param dropRate      share of requests lost before delivery (the sender times out)
 * @param lostReplyRate share of replies lost after the request was handled (the sender times out)
 * @param duplicateRate share of requests delivered twice
 * @param reorderRate   share of requests held back and delivered after the next request on the same link (the
 *                      sender of the held one times out)
 * @param delay         added to every delivery, on the network's clock; a delay past the timeout holds the
 *                      request like a reordering
 * @param applies       which requests the faults apply to
 */
public record Faults(double dropRate, double lostReplyRate, double duplicateRate, double reorderRate, Duration delay,
                     Predicate<Message> applies) {
    /** No faults. */
    public static final Faults NONE = new Faults(0, 0, 0, 0, Duration.ZERO, m -> false);

    /**
     * Checks the components.
     *
     * @param dropRate      share of requests lost before delivery (the sender times out)
     * @param lostReplyRate share of replies lost after the request was handled (the sender times out)
     * @param duplicateRate share of requests delivered twice
     * @param reorderRate   share of requests held back and delivered after the next request on the same link (the
     *                      sender of the held one times out)
     * @param delay         added to every delivery, on the network's clock; a delay past the timeout holds the
     *                      request like a reordering
     * @param applies       which requests the faults apply to
     * @throws IllegalArgumentException if a rate is outside [0, 1] or the delay negative
     */
    public Faults {
        requireRate("drop rate", dropRate);
        requireRate("lost reply rate", lostReplyRate);
        requireRate("duplicate rate", duplicateRate);
        requireRate("reorder rate", reorderRate);
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(applies, "applies");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
    }

    /**
     * Faults on replication frames only, so that role commands stay reliable.
     *
     * @param dropRate      share of frames lost before delivery, 0..1
     * @param lostReplyRate share of replies lost after the frame was handled, 0..1
     * @param duplicateRate share of frames delivered twice, 0..1
     * @param reorderRate   share of frames held back behind the next one on the same link, 0..1
     * @return the faults, with no delay
     * @throws IllegalArgumentException if a rate is outside [0, 1]
     */
    public static Faults onFrames(double dropRate, double lostReplyRate, double duplicateRate, double reorderRate) {
        return new Faults(dropRate, lostReplyRate, duplicateRate, reorderRate, Duration.ZERO,
                m -> m instanceof Message.Frame);
    }

    /**
     * {@return these faults with {@code delay} added to every delivery}
     *
     * @param delay on the network's clock, not negative
     */
    public Faults withDelay(Duration delay) {
        return new Faults(dropRate, lostReplyRate, duplicateRate, reorderRate, delay, applies);
    }

    private static void requireRate(String what, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1, was " + rate);
        }
    }
}
