package dev.steadfast.backend.sqlite;

import java.util.concurrent.TimeUnit;
import org.sqlite.BusyHandler;

/**
 * SQLite's busy timeout, kept in Java so that the time a connection waits for another process's lock can be told:
 * sleeps the way SQLite's own handler does (1, 2, 5 ... 100 ms) until the lock is free or the timeout has passed.
 * One per connection, used only by the thread that borrowed it.
 */
final class BusyWait extends BusyHandler {
    private static final int[] DELAYS_MS = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};

    private final long timeoutNanos;
    private long earlier; // waits finished since the last take
    private long started; // 0 when no wait is open
    private long lastRetry;

    BusyWait(long timeoutMs) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    @Override
    protected int callback(int previousCalls) {
        long now = System.nanoTime();
        if (previousCalls == 0) {
            closeWait();
            started = now;
        }
        long left = timeoutNanos - (now - started);
        if (left <= 0) {
            lastRetry = now;
            return 0; // SQLite gives up with SQLITE_BUSY, as with its own timeout
        }
        long delay = Math.min(TimeUnit.MILLISECONDS.toNanos(DELAYS_MS[Math.min(previousCalls, DELAYS_MS.length - 1)]),
                left);
        try {
            TimeUnit.NANOSECONDS.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastRetry = System.nanoTime();
            return 0;
        }
        // SQLite retries the lock right after this returns, so the wait ends about here.
        lastRetry = System.nanoTime();
        return 1;
    }

    /** Nanoseconds waited since the last call, 0 if none; resets. */
    long takeWaited() {
        closeWait();
        long waited = earlier;
        earlier = 0;
        return waited;
    }

    private void closeWait() {
        if (started != 0) {
            earlier += Math.max(1, lastRetry - started);
            started = 0;
        }
    }
}
