package dev.steadfast.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a body on several threads released at once, and rethrows the first failure of any of them. */
final class Threads {
    /** Long enough for a slow durable store at its chosen scale; a hang fails instead of blocking the build. */
    private static final long TIMEOUT_MINUTES = 5;

    interface Body {
        void run(int thread) throws Exception;
    }

    private Threads() {
    }

    static void run(int threads, Body body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    body.run(thread);
                    return null;
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(TIMEOUT_MINUTES);
            for (Future<?> f : futures) {
                try {
                    f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception ex) {
                        throw ex;
                    }
                    throw (Error) e.getCause();
                } catch (TimeoutException e) {
                    throw new AssertionError("threads did not finish within " + TIMEOUT_MINUTES + " minutes", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
