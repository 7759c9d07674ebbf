package dev.steadfast.benchmarks.peers;

import dev.steadfast.Steadfast;
import dev.steadfast.fence.Claim;
import dev.steadfast.fence.Lease;
import dev.steadfast.fence.Leases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How evenly one lock is shared between contenders that all want it all the time: Steadfast's fair lease beside
 * ShedLock JDBC, on the same database ({@link PeerDatabase}). Each contender is a thread with its own
 * {@code Leases} (as if it were its own process; all over one Steadfast store, through core's group commit) or its
 * own ShedLock provider over a shared pool, and loops: take the lock, count, give it back at once, ask again (after a
 * refusal too). After a warm-up, the acquisitions of each contender are counted per round; a round's share is the
 * fewest acquisitions of any contender divided by the most (1.0: perfectly even; 0: someone starved). Issue 27's
 * goal is a share of at least 0.9 in every round, with 2 and with 4 contenders, on SQLite and PostgreSQL.
 *
 * <p>Not JMH: a share is a property of a whole round across threads, not a per-operation time. Only the shares are
 * the result; cycles per second are printed for orientation and mean nothing on a loaded machine.
 *
 * <p>Run (arguments: engines, contender counts, impls, rounds, seconds per round, warm-up seconds; all optional):
 * <pre>
 * java -Dsteadfast.bench.pg=127.0.0.1:55432 -Djava.util.logging.config.file=/dev/null \
 *     -cp benchmarks/target/benchmarks.jar dev.steadfast.benchmarks.peers.LeaseFairnessBenchmark \
 *     sqlite,postgresql 2,4 steadfast,shedlock 5 3 5
 * </pre>
 */
public final class LeaseFairnessBenchmark {
    private static final String LOCK = "fair-lock";
    private static final Duration HOLD = Duration.ofSeconds(30);

    private LeaseFairnessBenchmark() {
    }

    /** One contender's loop body: one attempt, true when it held the lock (and has given it back). */
    private interface Attempt {
        boolean once() throws Exception;
    }

    /** Runs the cases the arguments name and prints one line per case. */
    public static void main(String[] args) throws Exception {
        List<String> engines = List.of(arg(args, 0, "sqlite,postgresql").split(","));
        int[] counts = Arrays.stream(arg(args, 1, "2,4").split(",")).mapToInt(Integer::parseInt).toArray();
        List<String> impls = List.of(arg(args, 2, "steadfast,shedlock").split(","));
        int rounds = Integer.parseInt(arg(args, 3, "5"));
        long roundMillis = Long.parseLong(arg(args, 4, "3")) * 1_000;
        long warmupMillis = Long.parseLong(arg(args, 5, "5")) * 1_000;
        System.out.println("engine      impl       contenders  share median  share worst  shares per round"
                + "                      cycles/s");
        for (String engine : engines) {
            for (int contenders : counts) {
                for (String impl : impls) {
                    try (PeerDatabase db = new PeerDatabase(engine)) {
                        List<Attempt> attempts = contenders(db, impl, contenders);
                        report(engine, impl, contenders, measure(attempts, rounds, roundMillis, warmupMillis),
                                rounds * roundMillis);
                    }
                }
            }
        }
    }

    private static List<Attempt> contenders(PeerDatabase db, String impl, int contenders) {
        List<Attempt> attempts = new ArrayList<>();
        if (impl.equals("steadfast")) {
            Steadfast steadfast = db.steadfast();
            for (int i = 0; i < contenders; i++) {
                Leases leases = new Leases(steadfast.store(), steadfast.clock());
                String owner = "c" + i;
                attempts.add(() -> {
                    Claim<Lease> claim = leases.acquire(LOCK, owner, HOLD);
                    if (claim instanceof Claim.Granted<Lease> g) {
                        leases.release(g.value()).orElseThrow();
                        return true;
                    }
                    return false;
                });
            }
        } else if (impl.equals("shedlock")) {
            db.execute("CREATE TABLE shedlock (name VARCHAR(64) NOT NULL PRIMARY KEY, lock_until TIMESTAMP NOT"
                    + " NULL, locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL)");
            JdbcTemplate template = new JdbcTemplate(db.pool(contenders + 1));
            for (int i = 0; i < contenders; i++) {
                LockProvider provider = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(template).withTableName("shedlock").build());
                attempts.add(() -> {
                    Optional<SimpleLock> lock = provider.lock(new LockConfiguration(Instant.now(), LOCK, HOLD,
                            Duration.ZERO));
                    lock.ifPresent(SimpleLock::unlock);
                    return lock.isPresent();
                });
            }
        } else {
            throw new IllegalArgumentException("impl must be steadfast or shedlock, was " + impl);
        }
        return attempts;
    }

    /** Acquisitions per contender in each round: [round][contender]. */
    private static long[][] measure(List<Attempt> attempts, int rounds, long roundMillis, long warmupMillis)
            throws InterruptedException {
        int n = attempts.size();
        AtomicLongArray counts = new AtomicLongArray(n);
        CountDownLatch stop = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < n; i++) {
            int me = i;
            Thread t = new Thread(() -> {
                try {
                    while (stop.getCount() > 0) {
                        if (attempts.get(me).once()) {
                            counts.incrementAndGet(me);
                        } else {
                            Thread.yield();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    stop.countDown();
                }
            }, "contender-" + i);
            threads.add(t);
            t.start();
        }
        stop.await(warmupMillis, TimeUnit.MILLISECONDS);
        long[] before = snapshot(counts);
        long[][] perRound = new long[rounds][];
        for (int r = 0; r < rounds && failure.get() == null; r++) {
            stop.await(roundMillis, TimeUnit.MILLISECONDS);
            long[] now = snapshot(counts);
            perRound[r] = new long[n];
            for (int i = 0; i < n; i++) {
                perRound[r][i] = now[i] - before[i];
            }
            before = now;
        }
        stop.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(1));
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a contender failed", failure.get());
        }
        return perRound;
    }

    private static long[] snapshot(AtomicLongArray counts) {
        long[] s = new long[counts.length()];
        for (int i = 0; i < s.length; i++) {
            s[i] = counts.get(i);
        }
        return s;
    }

    private static void report(String engine, String impl, int contenders, long[][] perRound, long millis) {
        double[] shares = new double[perRound.length];
        long total = 0;
        for (int r = 0; r < perRound.length; r++) {
            long min = Arrays.stream(perRound[r]).min().orElse(0);
            long max = Arrays.stream(perRound[r]).max().orElse(0);
            shares[r] = max == 0 ? 0 : (double) min / max;
            total += Arrays.stream(perRound[r]).sum();
        }
        double[] sorted = shares.clone();
        Arrays.sort(sorted);
        StringBuilder each = new StringBuilder();
        for (double s : shares) {
            each.append(String.format(Locale.ROOT, "%.2f ", s));
        }
        System.out.printf(Locale.ROOT, "%-11s %-10s %10d  %12.2f  %11.2f  %-36s %8.0f%n", engine, impl, contenders,
                sorted[sorted.length / 2], sorted[0], each.toString().trim(), total * 1000.0 / millis);
    }

    private static String arg(String[] args, int i, String fallback) {
        return args.length > i ? args[i] : fallback;
    }
}
