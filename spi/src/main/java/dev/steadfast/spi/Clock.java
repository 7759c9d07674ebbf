package dev.steadfast.spi;

import java.time.Duration;

/**
 * Time as Steadfast reads it: wall-clock millis for leases and reports, a monotonic nano counter for measuring,
 * and a sleep. Everything time-dependent takes a {@code Clock} so that tests can run on a {@link ManualClock}.
 *
 * <p>Implementations are thread-safe.
 */
public interface Clock {

    /**
     * Wall-clock time, for lease ends and reports.
     *
     * @return milliseconds since the epoch; may jump back or forward, and differ between machines
     */
    long millis();

    /**
     * A monotonic counter, for measuring how long something took.
     *
     * @return nanoseconds from an arbitrary origin; only the difference of two readings means anything
     */
    long nanos();

    /**
     * Waits for {@code duration} of this clock's time. A simulated clock may return at once after advancing.
     *
     * @param duration how long to wait, zero or positive
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * The clock of this JVM.
     *
     * @return a shared clock reading {@link System#currentTimeMillis()} and {@link System#nanoTime()} and sleeping
     *         with {@link Thread#sleep}
     */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
