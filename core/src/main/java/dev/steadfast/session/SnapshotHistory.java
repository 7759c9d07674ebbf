package dev.steadfast.session;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The last K snapshots of a session, kept so that one that cannot be read or decoded does not strand it. The
 * newest stays under the session's snapshot key (what tools and signatures read); each checkpoint also writes a
 * copy under {@code <key>#kept/<sequence>} in the same batch and deletes the copies beyond K, so the history is
 * always consistent with the journal.
 */
final class SnapshotHistory {
    private static final String INFIX = "#kept/";

    private SnapshotHistory() {
    }

    /**
     * Adds the copy of a snapshot covering {@code sequence} and drops those beyond the newest {@code keep}; returns
     * the sequences the session's kept snapshots cover once the batch is applied, newest first.
     */
    static List<Long> keep(SessionContext<?, ?> ctx, WriteBatch.Builder batch, long sequence, byte[] payload) {
        int keep = ctx.options().keepSnapshots();
        if (keep < 2) {
            return List.of(sequence);
        }
        batch.putSnapshot(key(ctx, sequence), sequence, payload);
        List<String> kept = new ArrayList<>(ctx.store().listSnapshots(prefix(ctx)));
        kept.remove(key(ctx, sequence));
        kept.sort(Comparator.reverseOrder());
        List<Long> after = new ArrayList<>(List.of(sequence));
        for (int i = 0; i < kept.size(); i++) {
            if (i >= keep - 1) {
                batch.deleteSnapshot(kept.get(i));
            } else if (sequenceOf(ctx.snapshotKey(), kept.get(i)) < sequence) {
                after.add(sequenceOf(ctx.snapshotKey(), kept.get(i)));
            }
        }
        return after;
    }

    /**
     * The kept snapshots of the session whose snapshot key is {@code key}, newest first; with {@code withTimes} each
     * with the time it was taken (-1 when it cannot be decoded), followed by the recorded times of older checkpoints.
     */
    static List<SnapshotMark> marks(Store store, String key, boolean withTimes) {
        List<String> keys = new ArrayList<>(store.listSnapshots(key + INFIX));
        keys.sort(Comparator.reverseOrder());
        if (keys.isEmpty()) {
            keys.add(key); // keepSnapshots = 1: the session's key is its only snapshot
        }
        List<SnapshotMark> marks = new ArrayList<>();
        for (String k : keys) {
            long sequence = k.equals(key) ? -1 : sequenceOf(key, k);
            Optional<Snapshot> loaded = withTimes || sequence < 0 ? store.loadSnapshot(k) : Optional.empty();
            if (sequence < 0) {
                if (loaded.isEmpty()) {
                    continue;
                }
                sequence = loaded.get().coveredSequence();
            }
            marks.add(new SnapshotMark(sequence, loaded.map(s -> takenAt(k, s.payload())).orElse(-1L), true));
        }
        if (withTimes && !marks.isEmpty()) {
            marks.addAll(JournalRetention.times(store, key, marks.get(marks.size() - 1).sequence()));
        }
        return marks;
    }

    static long takenAt(String key, byte[] payload) {
        try {
            return SnapshotEnvelope.decode(key, payload).checkpointMs();
        } catch (RuntimeException e) {
            return -1; // an unreadable snapshot gives no age; the policy then keeps what it covers
        }
    }

    /** The kept snapshots older than {@code before}, newest first. */
    static List<String> olderThan(SessionContext<?, ?> ctx, long before) {
        List<String> older = new ArrayList<>();
        for (String key : ctx.store().listSnapshots(prefix(ctx))) {
            if (sequenceOf(ctx.snapshotKey(), key) < before) {
                older.add(key);
            }
        }
        older.sort(Comparator.reverseOrder());
        return older;
    }

    /** Loads {@code key}, turning a backend's refusal to read it into an empty result with the reason. */
    static Optional<Snapshot> load(SessionContext<?, ?> ctx, String key, StringBuilder fault) {
        try {
            return ctx.store().loadSnapshot(key);
        } catch (CorruptStoreException e) {
            fault.append("snapshot '").append(key).append("' cannot be read: ").append(e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Refuses to fall back to a state covering {@code covered} when the journal lacks an event after it, or when
     * the session's profile never journaled its events.
     */
    static void requireReplayable(SessionContext<?, ?> ctx, String key, long covered, String why) {
        long head = ctx.store().journalHead(ctx.stream());
        String name = key.isEmpty() ? "the initial state" : "snapshot '" + key + "' (covers sequence " + covered + ")";
        if (!ctx.profile().journaled() && head > covered) {
            throw new SessionRecoveryException("session '" + ctx.id() + "': " + why + "; falling back to " + name
                    + " would lose events from " + (covered + 1) + " on, which this profile never journals",
                    key, covered, covered + 1);
        }
        if (head <= covered) {
            return;
        }
        long first;
        // Closed: a stream left open after its first entry may hold a pooled connection for good.
        try (Stream<Entry> entries = ctx.store().readJournal(ctx.stream(), covered + 1, head, 1)) {
            first = entries.findFirst().map(Entry::sequence).orElse(head + 1);
        }
        if (first != covered + 1) {
            throw new SessionRecoveryException("session '" + ctx.id() + "': " + why + "; cannot fall back to "
                    + name + ": the journal no longer holds event " + (covered + 1)
                    + " (first missing event; it was truncated)", key, covered, covered + 1);
        }
    }

    private static String prefix(SessionContext<?, ?> ctx) {
        return ctx.snapshotKey() + INFIX;
    }

    static String key(SessionContext<?, ?> ctx, long sequence) {
        return prefix(ctx) + String.format("%019d", sequence);
    }

    private static long sequenceOf(String snapshotKey, String keptKey) {
        return Long.parseLong(keptKey.substring(snapshotKey.length() + INFIX.length()));
    }
}
