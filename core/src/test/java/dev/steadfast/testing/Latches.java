package dev.steadfast.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting for a latch from a thread that cannot throw checked exceptions, always with a bound. */
public final class Latches {
    /** How long a test waits for anything before it fails, generous for a loaded machine. */
    public static final long TIMEOUT_SECONDS = 20;

    private Latches() {
    }

    /** Waits for {@code latch}; an {@link AssertionError} if it is not released in time or the wait is interrupted. */
    public static void await(CountDownLatch latch) {
        try {
            if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
