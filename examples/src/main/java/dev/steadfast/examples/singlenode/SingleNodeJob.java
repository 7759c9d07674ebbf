package dev.steadfast.examples.singlenode;

import dev.steadfast.Steadfast;
import dev.steadfast.fence.Claim;
import dev.steadfast.fence.FenceTokens;
import dev.steadfast.fence.Lease;
import dev.steadfast.fence.Leases;
import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs a scheduled job on exactly one node at a time, the ShedLock use case, with a lease for liveness and the
 * lease's fence for safety.
 *
 * <p>Every node runs the same loop: take the job's lease, run the next run of the job, and record its result in
 * one batch guarded by the lease's epoch that appends to the job's journal at the head it read. The journal's
 * sequence is the run number, so each run is recorded once whatever the timing: a second result for the same run
 * fails the append's expected head, and a node whose lease was taken over while it stalled fails the fence guard.
 * The lease's TTL only decides how soon a stalled node's turn passes to another node.
 *
 * <p>Usage: {@code SingleNodeJob STORE_URI NODE RUNS [stall]}. Prints {@code ran K epoch E} for each run this node
 * recorded, {@code refused K epoch E <reason>} for a late result the store refused, and {@code done} at the end. With
 * {@code stall}, the node stalls (a simulated GC pause) in its first run, after printing {@code stalling in run K},
 * until another node has taken the lease over.
 */
public final class SingleNodeJob {
    /** The job's lease (a fence) name. */
    public static final String LEASE = "job/report";
    /** The journal of recorded runs: entry K is the result of run K. */
    public static final StreamId RUNS = StreamId.of("job/report/runs");
    private static final Duration TTL = Duration.ofMillis(500);
    private static final byte[] TOKEN_KEY = "single-node example: use a real secret".getBytes(StandardCharsets.UTF_8);

    private SingleNodeJob() {
    }

    /** Runs one node; see the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: SingleNodeJob STORE_URI NODE RUNS [stall]");
            System.exit(2);
        }
        String node = args[1];
        long runs = Long.parseLong(args[2]);
        boolean stall = args.length > 3 && args[3].equals("stall");
        try (Steadfast steadfast = Steadfast.open(args[0])) {
            Store store = steadfast.store();
            Leases leases = new Leases(store, steadfast.clock(), FenceTokens.hmac(TOKEN_KEY));
            while (store.journalHead(RUNS) < runs) {
                if (!(leases.acquire(LEASE, node, TTL) instanceof Claim.Granted<Lease> granted)) {
                    Thread.sleep(5); // someone else holds the lease; try again shortly
                    continue;
                }
                Lease lease = granted.value();
                long head = store.journalHead(RUNS);
                if (head < runs) {
                    // The job's work; the epoch tells a late result from the same node's later, legitimate one.
                    String result = node + " ran " + (head + 1) + " under epoch " + lease.epoch();
                    if (stall) {
                        stall = false;
                        System.out.println("stalling in run " + (head + 1));
                        System.out.flush();
                        waitUntilTakenOver(leases, lease);
                    }
                    WriteResult written = store.apply(WriteBatch.builder().guard(lease.guard())
                            .append(RUNS, head, result.getBytes(StandardCharsets.UTF_8)).build());
                    System.out.println(written instanceof Conflict c
                            ? "refused " + (head + 1) + " epoch " + lease.epoch() + " " + c.message()
                            : "ran " + (head + 1) + " epoch " + lease.epoch());
                    System.out.flush();
                }
                leases.release(lease); // refused when taken over: nothing to release then
            }
            System.out.println("done");
        }
    }

    /** The run results recorded in {@code store}, by run number: which node's result each run kept. */
    public static Map<Long, String> recordedRuns(Store store) {
        Map<Long, String> runs = new TreeMap<>();
        try (Stream<Entry> entries = store.readJournal(RUNS, 1)) {
            entries.forEach(e -> runs.put(e.sequence(), new String(e.payload(), StandardCharsets.UTF_8)));
        }
        return runs;
    }

    /** The share of runs per node, as {@code node -> count}, from {@link #recordedRuns}. */
    public static Map<String, Long> share(Map<Long, String> runs) {
        Map<String, Long> share = new TreeMap<>();
        runs.values().forEach(r -> share.merge(r.substring(0, r.indexOf(' ')), 1L, Long::sum));
        return share;
    }

    /** A GC pause long enough to matter: until another node holds the lease at a higher epoch. */
    private static void waitUntilTakenOver(Leases leases, Lease mine) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (leases.read(LEASE).map(Fence::epoch).orElse(0L) <= mine.epoch()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no node took the lease over within 60 s");
            }
            Thread.sleep(10);
        }
    }
}
