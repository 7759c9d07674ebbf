package dev.steadfast.harness;

import dev.steadfast.fence.OwnershipFence;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The harness's own record of one fence and the journal its owners write, checked against the store.
 *
 * <p>Every grant, renewal and release in a run goes through the harness, so the ledger knows exactly which owner
 * holds which epoch with which lease end, and which writes were acknowledged at which sequence. The invariants
 * follow: never two owners at one epoch, epochs only grow, no stale write lands (an acknowledged write of an
 * owner whose epoch was already superseded), every acknowledged write survives (read back at the end), and the
 * store reports the fence as last written.
 */
final class Ledger {
    static final String TWO_OWNERS = "never two owners at one epoch";
    static final String EPOCHS_GROW = "epochs only grow";
    static final String NO_STALE_WRITE = "no stale write lands";
    static final String ACKED_SURVIVE = "every acknowledged write survives";
    static final String FENCE_AS_WRITTEN = "the store reports the fence as last written";

    private final Run run;
    private final String local;
    private final String fenceName;
    private final StreamId log;
    private final Map<Long, String> ownerAt = new HashMap<>();
    private final TreeMap<Long, String> acked = new TreeMap<>();
    private long epoch;
    private String owner = "";
    private long until;
    private long lastSeenEpoch;
    private long reportedUntil;
    private long writes;

    Ledger(Run run, String local) {
        this(run, local, run.name(local));
    }

    /** A ledger of the fence {@code fenceName}, called {@code local} in the trace and in violations. */
    Ledger(Run run, String local, String fenceName) {
        this.run = run;
        this.local = local;
        this.fenceName = fenceName;
        this.log = StreamId.of(run.name(local + "-log"));
    }

    String fenceName() {
        return fenceName;
    }

    long epoch() {
        return epoch;
    }

    String owner() {
        return owner;
    }

    /** The lease end last written, on the writer's clock. */
    long until() {
        return until;
    }

    /** The lease end the store last reported for the current epoch (read by {@link #checkFence()}). */
    long reportedUntil() {
        return reportedUntil;
    }

    /** Records that {@code who} was granted {@code at} with a lease ending at {@code leaseEnd}. */
    void granted(String who, long at, long leaseEnd) {
        String prior = ownerAt.putIfAbsent(at, who);
        if (prior != null && !prior.equals(who)) {
            run.trace().violation(TWO_OWNERS, "fence '" + local + "' epoch " + at + " was granted to '" + prior
                    + "' and then to '" + who + "'");
        }
        if (at < epoch) {
            run.trace().violation(EPOCHS_GROW, "fence '" + local + "' granted epoch " + at + " to '" + who
                    + "' after epoch " + epoch + " had been granted to '" + owner + "'");
            return;
        }
        if (at > epoch && epoch > 0) {
            run.tally().takeovers++;
        }
        run.trace().step("grant " + local + " " + who + " epoch " + at + " until " + leaseEnd);
        epoch = at;
        owner = who;
        until = leaseEnd;
    }

    /** Records a renewal or release by the current holder: the lease now ends at {@code leaseEnd}. */
    void leaseSet(String who, long at, long leaseEnd) {
        run.trace().step("lease " + local + " " + who + " epoch " + at + " until " + leaseEnd);
        if (at == epoch && who.equals(owner)) {
            until = leaseEnd;
        } else {
            run.trace().violation(NO_STALE_WRITE, "the store accepted a lease change of '" + who + "' at epoch "
                    + at + " on fence '" + local + "' while epoch " + epoch + " belongs to '" + owner + "'");
        }
    }

    /** One guarded append by {@code holder} at the journal's head: acknowledged, or refused as stale. */
    void write(OwnershipFence holder) {
        long head = run.store().journalHead(log);
        String payload = holder.owner() + "@" + holder.epoch() + "#" + (++writes);
        WriteResult result = run.store().apply(WriteBatch.builder().guard(holder.guard())
                .append(log, head, payload.getBytes(StandardCharsets.UTF_8)).build());
        boolean current = holder.epoch() == epoch && holder.owner().equals(owner);
        run.trace().step("write " + payload + " at " + (head + 1) + " -> " + label(result));
        if (result.isCommitted()) {
            run.tally().acknowledged++;
            if (!current) {
                run.trace().violation(NO_STALE_WRITE, "write '" + payload + "' of owner '" + holder.owner()
                        + "' at epoch " + holder.epoch() + " was acknowledged while epoch " + epoch
                        + " of fence '" + local + "' belongs to '" + owner + "'");
            }
            String earlier = acked.put(head + 1, payload);
            if (earlier != null) {
                run.trace().violation(ACKED_SURVIVE, "journal '" + local + "-log' sequence " + (head + 1)
                        + " was acknowledged for '" + earlier + "' and again for '" + payload
                        + "': the first write is gone");
            }
        } else if (result instanceof FencedOut && !current) {
            run.tally().staleRefused++;
        } else {
            run.trace().violation("the current owner's write is accepted", "write '" + payload + "' of owner '"
                    + holder.owner() + "' at epoch " + holder.epoch() + ", the current holder, was refused: "
                    + label(result));
        }
    }

    /** Reads the fence back: its epoch never went down and it is what the harness last wrote. */
    void checkFence() {
        Optional<Fence> stored = run.store().readFence(fenceName);
        if (stored.isEmpty()) {
            if (epoch > 0) {
                run.trace().violation(FENCE_AS_WRITTEN, "fence '" + local + "' is gone; epoch " + epoch
                        + " was granted to '" + owner + "'");
            }
            return;
        }
        Fence f = stored.get();
        if (f.epoch() < lastSeenEpoch) {
            run.trace().violation(EPOCHS_GROW, "fence '" + local + "' went back from epoch " + lastSeenEpoch
                    + " to " + f.epoch());
        }
        lastSeenEpoch = Math.max(lastSeenEpoch, f.epoch());
        if (f.epoch() == epoch) {
            reportedUntil = f.leaseUntilMillis();
        }
        if (f.epoch() != epoch || !f.owner().equals(owner)) {
            run.trace().violation(FENCE_AS_WRITTEN, "fence '" + local + "' reads as owner '" + f.owner()
                    + "' at epoch " + f.epoch() + ", the harness granted epoch " + epoch + " to '" + owner + "'");
        } else if (f.leaseUntilMillis() != until) {
            run.trace().violation(FENCE_AS_WRITTEN, "lease of '" + owner + "' at epoch " + epoch + " on fence '"
                    + local + "' was written to end at " + until + " ms, the store reports "
                    + f.leaseUntilMillis() + " ms" + (f.leaseUntilMillis() == Long.MAX_VALUE && until != Long.MAX_VALUE
                    ? ": the lease would never expire" : ""));
        }
    }

    /** Reads the journal back: every acknowledged write at its sequence, and nothing that was not acknowledged. */
    void verifySurvivors() {
        Map<Long, String> found = new TreeMap<>();
        try (Stream<Entry> entries = run.store().readJournal(log, 1)) {
            entries.forEach(e -> found.put(e.sequence(), new String(e.payload(), StandardCharsets.UTF_8)));
        }
        for (Map.Entry<Long, String> a : acked.entrySet()) {
            String there = found.get(a.getKey());
            if (!a.getValue().equals(there)) {
                run.trace().violation(ACKED_SURVIVE, "journal '" + local + "-log' sequence " + a.getKey()
                        + " was acknowledged as '" + a.getValue() + "' but holds "
                        + (there == null ? "nothing" : "'" + there + "'"));
            }
        }
        if (found.size() != acked.size()) {
            run.trace().violation("only acknowledged writes land", "journal '" + local + "-log' holds "
                    + found.size() + " entries, " + acked.size() + " writes were acknowledged");
        }
        run.trace().step("journal " + local + " holds " + found.size());
    }

    private static String label(WriteResult result) {
        return result.isCommitted() ? "committed" : result.getClass().getSimpleName();
    }
}
