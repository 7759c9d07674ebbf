package dev.steadfast.harness;

import dev.steadfast.fence.Claim;
import dev.steadfast.fence.Lease;
import dev.steadfast.fence.Leases;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/**
 * Profile mode: contenders as real threads on the system clock acquiring one lease, writing fenced appends while
 * they hold it and releasing it, for a number of rounds of fixed length. Measures call latencies and, per round,
 * how evenly the lease went around. The invariants are checked as in deterministic mode, from what was granted
 * and acknowledged and from the journal read back at the end. Threads of one JVM only: contenders in separate
 * processes are not built yet.
 */
public final class Profiler {
    private static final Duration TTL = Duration.ofMillis(200);
    private static final int WRITES_PER_HOLD = 3;

    private Profiler() {
    }

    /**
     * Profiles {@code store} with {@code contenders} threads for {@code rounds} rounds of {@code roundLength},
     * writing below {@code namespace}.
     *
     * @throws IllegalArgumentException if a count is below 1 or the round length not positive
     */
    public static ProfileResult run(Store store, String namespace, int contenders, int rounds, Duration roundLength)
            throws InterruptedException {
        Objects.requireNonNull(store, "store");
        Names.require("profile namespace", namespace);
        if (contenders < 1 || rounds < 1 || roundLength.isNegative() || roundLength.isZero()) {
            throw new IllegalArgumentException("profile needs contenders >= 1, rounds >= 1 and a positive round "
                    + "length, was " + contenders + ", " + rounds + ", " + roundLength);
        }
        Shared shared = new Shared(store, namespace + "/profile", contenders, rounds, roundLength.toNanos());
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < contenders; c++) {
            int me = c;
            Thread t = new Thread(() -> shared.contend(me), "steadfast-profile-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(roundLength.toMillis() * rounds + 60_000);
        }
        return shared.result();
    }

    private static final class Shared {
        private final Store store;
        private final Leases leases;
        private final String fence;
        private final StreamId log;
        private final int contenders;
        private final long roundNanos;
        private final long start = System.nanoTime();
        private final AtomicLongArray acquired;
        private final Map<Long, String> ownerAt = new ConcurrentHashMap<>();
        private final Map<Long, Long> acked = new ConcurrentHashMap<>();
        private final List<Long> acquireNanos = Collections.synchronizedList(new ArrayList<>());
        private final List<Long> writeNanos = Collections.synchronizedList(new ArrayList<>());
        private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

        Shared(Store store, String prefix, int contenders, int rounds, long roundNanos) {
            this.store = store;
            this.leases = new Leases(store, Clock.system());
            this.fence = prefix + "/lease";
            this.log = StreamId.of(prefix + "/log");
            this.contenders = contenders;
            this.roundNanos = roundNanos;
            this.acquired = new AtomicLongArray(contenders * rounds);
        }

        void contend(int me) {
            String name = "c" + me;
            long end = start + roundNanos * (acquired.length() / contenders);
            try {
                for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                    Claim<Lease> claim = leases.acquire(fence, name, TTL);
                    acquireNanos.add(System.nanoTime() - now);
                    if (claim instanceof Claim.Granted<Lease> g) {
                        hold(me, g.value(), (int) ((now - start) / roundNanos));
                    }
                    // Step aside after a turn or a refusal, so that the releaser does not simply take it back.
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                violations.add("contender " + name + " failed: " + e);
            }
        }

        private void hold(int me, Lease lease, int round) {
            String prior = ownerAt.putIfAbsent(lease.epoch(), lease.owner());
            if (prior != null && !prior.equals(lease.owner())) {
                violations.add("never two owners at one epoch: epoch " + lease.epoch() + " granted to '" + prior
                        + "' and '" + lease.owner() + "'");
            }
            acquired.incrementAndGet(round * contenders + me);
            for (int i = 0; i < WRITES_PER_HOLD; i++) {
                long t0 = System.nanoTime();
                long head = store.journalHead(log);
                byte[] payload = ByteBuffer.allocate(8).putLong(lease.epoch()).array();
                boolean committed = store.apply(WriteBatch.builder().guard(lease.guard())
                        .append(log, head, payload).build()).isCommitted();
                writeNanos.add(System.nanoTime() - t0);
                if (committed) {
                    acked.put(head + 1, lease.epoch());
                }
            }
            leases.release(lease);
        }

        ProfileResult result() {
            long previous = 0;
            int found = 0;
            try (Stream<Entry> entries = store.readJournal(log, 1)) {
                for (Entry e : (Iterable<Entry>) entries::iterator) {
                    long epoch = ByteBuffer.wrap(e.payload()).getLong();
                    if (epoch < previous) {
                        violations.add("no stale write lands: sequence " + e.sequence() + " was written at epoch "
                                + epoch + " after a write at epoch " + previous);
                    }
                    Long ack = acked.get(e.sequence());
                    found += ack != null && ack == epoch ? 1 : 0;
                    previous = Math.max(previous, epoch);
                }
            }
            if (found != acked.size()) {
                violations.add("every acknowledged write survives: " + acked.size() + " writes acknowledged, "
                        + found + " found at their sequence");
            }
            List<List<Long>> perRound = new ArrayList<>();
            for (int r = 0; r < acquired.length() / contenders; r++) {
                List<Long> counts = new ArrayList<>();
                for (int c = 0; c < contenders; c++) {
                    counts.add(acquired.get(r * contenders + c));
                }
                perRound.add(counts);
            }
            return new ProfileResult(contenders, perRound, Latency.of(acquireNanos), Latency.of(writeNanos),
                    violations);
        }
    }
}
