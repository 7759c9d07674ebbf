package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.StoreException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Interrupts the calling thread while it runs a store call, and keeps the interrupt from leaking past it. */
final class Interrupter {
    private static final long TIMEOUT_SECONDS = 120;

    private Interrupter() {
    }

    /**
     * Runs {@code call}, interrupted before it starts ({@code spins < 0}) or by another thread after spinning
     * {@code spins} times. Returns its result, or empty if it threw a {@link StoreException}; any other exception
     * fails the test, since a store reports faults as {@code StoreException}s.
     */
    static <T> Optional<T> call(int spins, Supplier<T> call) {
        Thread writer = Thread.currentThread();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread interrupter = new Thread(() -> {
            try {
                if (!started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < spins; i++) {
                Thread.onSpinWait();
            }
            writer.interrupt();
            interrupted.countDown();
        }, "tck-interrupter");
        interrupter.setDaemon(true);
        if (spins < 0) {
            writer.interrupt();
            interrupted.countDown();
        } else {
            interrupter.start();
        }
        started.countDown();
        try {
            return Optional.of(call.get());
        } catch (StoreException fault) {
            return Optional.empty();
        } catch (RuntimeException wrongKind) {
            throw new AssertionError("an interrupted store call failed with " + wrongKind + ", which is not a "
                    + "StoreException: a caller cannot tell a fault of the store from a bug", wrongKind);
        } finally {
            awaitUninterruptibly(interrupted);
            Thread.interrupted(); // the interrupt, if the call did not consume it, belongs to this call only
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                assertTrue(latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS),
                        "the interrupter did not run within " + TIMEOUT_SECONDS + " s");
                return;
            } catch (InterruptedException expected) {
                // the interrupt aimed at the call arrived after it returned
            }
        }
    }
}
