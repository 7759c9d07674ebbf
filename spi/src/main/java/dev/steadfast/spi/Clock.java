package dev.steadfast.spi;

import java.time.Duration;

/**
 * Time as Steadfast reads it: wall-clock millis for leases and reports, a monotonic nano counter for measuring,
 * and a sleep. Everything time-dependent takes a {@code Clock} so that tests can run on a {@link ManualClock}.
 *
 * <p>Implementations are thread-safe.
 */
public interface Clock {

    /** Wall-clock time in milliseconds since the epoch; may jump (and differ between machines). */
    long millis();

    /** A monotonic counter in nanoseconds, only meaningful as a difference. */
    long nanos();

    /**
     * Waits for {@code duration} of this clock's time. A simulated clock may return at once after advancing.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** The system clock: {@link System#currentTimeMillis()}, {@link System#nanoTime()}, {@link Thread#sleep}. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
