package dev.steadfast.lifecycle;

import dev.steadfast.spi.Store;
import dev.steadfast.testing.Stores;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM that copies one source store into several targets at once, one thread each, so that one JVM start
 * serves every backend: {@code args} are the source URI, the batch size, the plain-journal head at which every copy
 * stops for good, then pairs of (kill point, target URI).
 *
 * <p>Each copy runs until its plain journal passes its kill point, then waits for the others; once all have, the
 * child prints {@code RELEASED} and lets them all go on at once, writing concurrently, and the parent kills it with
 * {@code kill -9} as soon as it reads that line: wherever the copies are then, possibly inside a write. No copy can
 * finish before the kill, however slowly the parent is scheduled: each stops for good before its last plain batch,
 * with its in-progress marker still in the target.
 */
public final class CopyProcess {
    private static final Pattern PLAIN_AT = Pattern.compile("'" + Pattern.quote(CopyPopulation.PLAIN.value())
            + "' at (\\d+)/");

    private CopyProcess() {
    }

    /** Runs the copies until killed; prints {@code FAILED} and exits 1 if a copy fails or the latches time out. */
    public static void main(String[] args) throws InterruptedException {
        int batch = Integer.parseInt(args[1]);
        long stopAt = Long.parseLong(args[2]);
        int targets = (args.length - 3) / 2;
        CountDownLatch reached = new CountDownLatch(targets);
        CountDownLatch release = new CountDownLatch(1);
        Store source = Stores.open(args[0]); // never closed: the parent kills this JVM
        for (int i = 0; i < targets; i++) {
            long killAfter = Long.parseLong(args[3 + 2 * i]);
            Store target = Stores.open(args[4 + 2 * i]);
            boolean[] passed = {false};
            Thread copy = new Thread(() -> StoreCopy.run(source, target, CopyOptions.defaults().withBatchSize(batch)
                    .withProgress(line -> {
                        long head = plainHead(line);
                        if (head >= killAfter && !passed[0]) {
                            passed[0] = true;
                            reached.countDown();
                            await(release);
                        }
                        if (head >= stopAt) {
                            await(new CountDownLatch(1)); // for good: the kill ends it
                        }
                    })), "copy-" + i);
            copy.setUncaughtExceptionHandler((t, e) -> fail(t.getName() + ": " + e));
            copy.start();
        }
        await(reached);
        System.out.println("RELEASED");
        System.out.flush();
        release.countDown();
        new CountDownLatch(1).await(10, TimeUnit.MINUTES); // waits for the kill
        fail("not killed within 10 minutes");
    }

    private static long plainHead(String line) {
        Matcher m = PLAIN_AT.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.MINUTES)) {
                fail("a latch was not released within 5 minutes");
            }
        } catch (InterruptedException e) {
            fail("interrupted");
        }
    }

    private static void fail(String why) {
        System.out.println("FAILED " + why);
        System.out.flush();
        System.exit(1);
    }
}
