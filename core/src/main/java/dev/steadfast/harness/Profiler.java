package dev.steadfast.harness;

import dev.steadfast.fence.Claim;
import dev.steadfast.fence.Lease;
import dev.steadfast.fence.Leases;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * Profile mode: contenders on the system clock acquire one lease, write fenced appends while they hold it and
 * release it, for a number of rounds of fixed length; measures call latencies and, per round, how evenly the lease
 * went around. A contender that has just released waits (up to one TTL) until someone else has taken the lease
 * before asking again, so that the fastest contender does not simply take it back. Contenders are threads of this
 * JVM ({@link #run}) or processes of their own, each calling {@link #contend} with the same namespace and start,
 * joined by {@link #combine}. The invariants are checked as in deterministic mode, from the journal read back at
 * the end: never two owners at one epoch, epochs never go back (no stale write lands), every acknowledged write
 * survives.
 */
public final class Profiler {
    static final Duration TTL = Duration.ofMillis(200);
    private static final int WRITES_PER_HOLD = 3;

    private Profiler() {
    }

    /**
     * Profiles {@code store} with {@code contenders} threads for {@code rounds} rounds of {@code roundLength},
     * writing below {@code namespace}.
     *
     * @param store       the store profiled; its lease and journal are written below {@code namespace}
     * @param namespace   a name no other run in this store uses
     * @param contenders  threads contending for the lease, {@code >= 1}
     * @param rounds      rounds, {@code >= 1}; fairness is reported per round
     * @param roundLength how long each round lasts, positive
     * @return latencies, acquisitions per round and contender, and any violation of the lease's guarantees
     * @throws IllegalArgumentException if a count is below 1 or the round length not positive
     * @throws InterruptedException     if the thread is interrupted while waiting for the contenders
     */
    public static ProfileResult run(Store store, String namespace, int contenders, int rounds, Duration roundLength)
            throws InterruptedException {
        requireSettings(contenders, rounds, roundLength);
        long start = System.currentTimeMillis();
        ConcurrentLinkedQueue<ContenderRun> runs = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < contenders; c++) {
            int me = c;
            Thread t = new Thread(() -> runs.add(contend(store, namespace, me, rounds, roundLength, start)),
                    "steadfast-profile-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(roundLength.toMillis() * rounds + 60_000);
        }
        return combine(store, namespace, contenders, rounds, new ArrayList<>(runs));
    }

    /**
     * Runs contender {@code me} from {@code startMillis} (epoch millis, shared by every contender) for
     * {@code rounds} rounds of {@code roundLength}; waits for the start first. One process (or thread) runs one
     * contender; {@link #combine} joins their runs.
     *
     * @param store       the store profiled
     * @param namespace   the namespace every contender of the profile shares
     * @param me          this contender's number, 0-based and unique in the profile
     * @param rounds      rounds, {@code >= 1}
     * @param roundLength how long each round lasts, positive
     * @param startMillis when round 1 starts, epoch millis, the same for every contender
     * @return what this contender acquired, wrote and saw go wrong
     */
    public static ContenderRun contend(Store store, String namespace, int me, int rounds, Duration roundLength,
                                       long startMillis) {
        Objects.requireNonNull(store, "store");
        requireSettings(me + 1, rounds, roundLength);
        return new Contender(store, namespace, me, rounds, roundLength.toMillis(), startMillis).run();
    }

    /**
     * Joins the runs of {@code contenders} contenders and checks the journal they wrote below {@code namespace}.
     *
     * @param store      the store profiled
     * @param namespace  the namespace the contenders shared
     * @param contenders how many contenders there were
     * @param rounds     how many rounds each ran
     * @param runs       what each contender returned from {@link #contend}; a missing one shows as a violation
     * @return the whole profile, with every violation the runs or the journal show
     */
    public static ProfileResult combine(Store store, String namespace, int contenders, int rounds,
                                        List<ContenderRun> runs) {
        List<String> violations = new ArrayList<>();
        Map<Long, Long> acked = new HashMap<>();
        List<Long> acquire = new ArrayList<>();
        List<Long> write = new ArrayList<>();
        List<List<Long>> perRound = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            perRound.add(new ArrayList<>(java.util.Collections.nCopies(contenders, 0L)));
        }
        for (ContenderRun run : runs) {
            violations.addAll(run.violations());
            acked.putAll(run.acked());
            acquire.addAll(run.acquireNanos());
            write.addAll(run.writeNanos());
            for (int r = 0; r < rounds && r < run.acquisitions().size(); r++) {
                perRound.get(r).set(run.contender(), run.acquisitions().get(r));
            }
        }
        if (runs.size() != contenders) {
            violations.add("only " + runs.size() + " of " + contenders + " contenders reported");
        }
        checkJournal(store, StreamId.of(namespace + "/profile/log"), acked, violations);
        return new ProfileResult(contenders, perRound, Latency.of(acquire), Latency.of(write), violations);
    }

    private static void checkJournal(Store store, StreamId log, Map<Long, Long> acked, List<String> violations) {
        Map<Long, Integer> ownerAt = new HashMap<>();
        long previous = 0;
        int found = 0;
        try (Stream<Entry> entries = store.readJournal(log, 1)) {
            for (Entry e : (Iterable<Entry>) entries::iterator) {
                ByteBuffer payload = ByteBuffer.wrap(e.payload());
                long epoch = payload.getLong();
                int owner = payload.getInt();
                if (epoch < previous) {
                    violations.add("no stale write lands: sequence " + e.sequence() + " was written at epoch "
                            + epoch + " after a write at epoch " + previous);
                }
                Integer other = ownerAt.putIfAbsent(epoch, owner);
                if (other != null && other != owner) {
                    violations.add("never two owners at one epoch: c" + other + " and c" + owner + " both wrote at "
                            + "epoch " + epoch);
                }
                Long ack = acked.get(e.sequence());
                found += ack != null && ack == epoch ? 1 : 0;
                previous = Math.max(previous, epoch);
            }
        }
        if (found != acked.size()) {
            violations.add("every acknowledged write survives: " + acked.size() + " writes acknowledged, " + found
                    + " found at their sequence");
        }
    }

    private static void requireSettings(int contenders, int rounds, Duration roundLength) {
        if (contenders < 1 || rounds < 1 || roundLength.isNegative() || roundLength.isZero()) {
            throw new IllegalArgumentException("profile needs contenders >= 1, rounds >= 1 and a positive round "
                    + "length, was " + contenders + ", " + rounds + ", " + roundLength);
        }
    }

    private static final class Contender {
        private final Store store;
        private final Leases leases;
        private final String fence;
        private final StreamId log;
        private final int me;
        private final long roundMillis;
        private final long start;
        private final long[] acquired;
        private final List<Long> acquireNanos = new ArrayList<>();
        private final List<Long> writeNanos = new ArrayList<>();
        private final Map<Long, Long> acked = new HashMap<>();
        private final List<String> violations = new ArrayList<>();

        Contender(Store store, String namespace, int me, int rounds, long roundMillis, long start) {
            this.store = store;
            this.leases = new Leases(store, Clock.system());
            this.fence = Names.require("profile namespace", namespace) + "/profile/lease";
            this.log = StreamId.of(namespace + "/profile/log");
            this.me = me;
            this.roundMillis = roundMillis;
            this.start = start;
            this.acquired = new long[rounds];
        }

        ContenderRun run() {
            String name = "c" + me;
            long end = start + roundMillis * acquired.length;
            try {
                Thread.sleep(Math.max(0, start - System.currentTimeMillis()));
                // At least one try, even when this contender starts after the last round (a loaded machine).
                long now = System.currentTimeMillis();
                do {
                    long t0 = System.nanoTime();
                    Claim<Lease> claim = leases.acquire(fence, name, TTL);
                    acquireNanos.add(System.nanoTime() - t0);
                    if (claim instanceof Claim.Granted<Lease> g && now >= start) {
                        acquired[(int) Math.min(acquired.length - 1, (now - start) / roundMillis)]++;
                        hold(g.value());
                        awaitAnotherHolder(g.value().epoch(), end);
                    } else {
                        Thread.sleep(1);
                    }
                    now = System.currentTimeMillis();
                } while (now < end);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                violations.add("contender " + name + " was interrupted");
            } catch (RuntimeException e) {
                violations.add("contender " + name + " failed: " + e);
            }
            List<Long> counts = new ArrayList<>();
            for (long a : acquired) {
                counts.add(a);
            }
            return new ContenderRun(me, counts, acquireNanos, writeNanos, acked, violations);
        }

        private void hold(Lease lease) {
            for (int i = 0; i < WRITES_PER_HOLD; i++) {
                long t0 = System.nanoTime();
                long head = store.journalHead(log);
                byte[] payload = ByteBuffer.allocate(12).putLong(lease.epoch()).putInt(me).array();
                boolean committed = store.apply(WriteBatch.builder().guard(lease.guard())
                        .append(log, head, payload).build()).isCommitted();
                writeNanos.add(System.nanoTime() - t0);
                if (committed) {
                    acked.put(head + 1, lease.epoch());
                }
            }
            leases.release(lease);
        }

        /** After a turn, lets someone else have one: waits until the epoch moves on, at most one TTL. */
        private void awaitAnotherHolder(long epoch, long end) throws InterruptedException {
            long until = Math.min(end, System.currentTimeMillis() + TTL.toMillis());
            while (System.currentTimeMillis() < until
                    && store.readFence(fence).map(Fence::epoch).orElse(0L) == epoch) {
                Thread.sleep(1);
            }
        }
    }
}
