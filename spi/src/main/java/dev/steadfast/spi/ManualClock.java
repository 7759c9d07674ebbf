package dev.steadfast.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told: tests advance it to make leases expire and deadlines pass, exactly and
 * without sleeping. {@link #sleep(Duration)} advances the clock by the duration and returns at once (simulated
 * time), so code that waits in a loop makes progress in a single-threaded test. Thread-safe.
 */
public final class ManualClock implements Clock {
    private final AtomicLong nanos;
    private final long epochMillisAtZero;

    /**
     * A clock that reads {@code startMillis} until it is advanced; its nano counter starts at 0.
     *
     * @param startMillis the wall-clock time to start at, in epoch millis
     */
    public ManualClock(long startMillis) {
        this.epochMillisAtZero = startMillis;
        this.nanos = new AtomicLong();
    }

    /** A clock at epoch millis 0. */
    public ManualClock() {
        this(0);
    }

    @Override
    public long millis() {
        return epochMillisAtZero + nanos.get() / 1_000_000;
    }

    @Override
    public long nanos() {
        return nanos.get();
    }

    /** Advances the clock by {@code duration}, which must not be negative. */
    @Override
    public void sleep(Duration duration) {
        advance(duration);
    }

    /**
     * Moves time forward: both {@link #millis()} and {@link #nanos()} advance by {@code duration}.
     *
     * @param duration how far to move, zero or positive
     * @return this clock, for chaining
     * @throws IllegalArgumentException if the duration is negative
     */
    public ManualClock advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a manual clock only moves forward, asked to move " + duration);
        }
        nanos.addAndGet(duration.toNanos());
        return this;
    }

    /**
     * Moves time forward by a number of milliseconds, like {@link #advance(Duration)}.
     *
     * @param millis how far to move, zero or positive
     * @return this clock, for chaining
     * @throws IllegalArgumentException if {@code millis} is negative
     */
    public ManualClock advanceMillis(long millis) {
        return advance(Duration.ofMillis(millis));
    }

    @Override
    public String toString() {
        return "ManualClock[" + millis() + " ms]";
    }
}
