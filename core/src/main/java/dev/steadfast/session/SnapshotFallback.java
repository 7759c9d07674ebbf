package dev.steadfast.session;

import dev.steadfast.spi.Snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks the snapshot a recovery starts from: the newest that can be read and decoded, falling back to older kept
 * ones (and at last to the initial state) only when the journal still holds every event after them.
 *
 * @param state    the decoded state, or the initial state
 * @param envelope the decoded snapshot, null for the initial state
 * @param choice   which snapshot and why
 */
record SnapshotFallback<S>(S state, SnapshotEnvelope envelope, SnapshotChoice choice) {

    static <S, E> SnapshotFallback<S> choose(SessionContext<S, E> ctx) {
        S initial = ctx.type().initialState();
        if (!ctx.snapshots()) {
            return new SnapshotFallback<>(initial, null, new SnapshotChoice("", 0, "no snapshots in this profile"));
        }
        StringBuilder fault = new StringBuilder();
        Optional<Snapshot> newest = SnapshotHistory.load(ctx, ctx.snapshotKey(), fault);
        if (newest.isEmpty() && fault.isEmpty()) {
            List<String> kept = SnapshotHistory.olderThan(ctx, Long.MAX_VALUE);
            if (kept.isEmpty()) {
                return new SnapshotFallback<>(initial, null, new SnapshotChoice("", 0, "no snapshot"));
            }
            fault.append("snapshot '").append(ctx.snapshotKey()).append("' is missing");
        }
        List<String> faults = new ArrayList<>();
        long before = Long.MAX_VALUE;
        if (newest.isPresent()) {
            Optional<SnapshotFallback<S>> decoded = decode(ctx, newest.get(), "newest snapshot", faults);
            if (decoded.isPresent()) {
                return decoded.get();
            }
            before = newest.get().coveredSequence();
        } else {
            faults.add(fault.toString());
        }
        for (String key : SnapshotHistory.olderThan(ctx, before)) {
            StringBuilder readFault = new StringBuilder();
            Optional<Snapshot> older = SnapshotHistory.load(ctx, key, readFault);
            if (older.isEmpty()) {
                faults.add(readFault.isEmpty() ? "snapshot '" + key + "' is missing" : readFault.toString());
                continue;
            }
            String why = String.join("; ", faults);
            SnapshotHistory.requireReplayable(ctx, key, older.get().coveredSequence(), why);
            Optional<SnapshotFallback<S>> decoded = decode(ctx, older.get(), "fell back: " + why, faults);
            if (decoded.isPresent()) {
                return decoded.get();
            }
        }
        String why = String.join("; ", faults);
        SnapshotHistory.requireReplayable(ctx, "", 0, why);
        return new SnapshotFallback<>(initial, null, new SnapshotChoice("", 0, "fell back to the initial state "
                + "and the whole journal: " + why));
    }

    private static <S, E> Optional<SnapshotFallback<S>> decode(SessionContext<S, E> ctx, Snapshot snapshot,
                                                                String reason, List<String> faults) {
        try {
            SnapshotEnvelope env = SnapshotEnvelope.decode(snapshot.key(), snapshot.payload());
            S state = ctx.type().stateCodec().decode(env.state());
            return Optional.of(new SnapshotFallback<>(state, env,
                    new SnapshotChoice(snapshot.key(), snapshot.coveredSequence(), reason)));
        } catch (RuntimeException e) {
            // A codec that no longer accepts old bytes throws whatever it throws; any of it makes this one unusable.
            faults.add("snapshot '" + snapshot.key() + "' (covers " + snapshot.coveredSequence()
                    + ") cannot be decoded: " + e.getMessage());
            return Optional.empty();
        }
    }
}
