package dev.steadfast.session;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;

/** Where one session lives: its store, clock, kind, options and the names of its journal and snapshot. */
record SessionContext<S, E>(Store store, Clock clock, SessionType<S, E> type, SessionOptions options, String id,
                            StreamId stream, String snapshotKey, String fenceName) {

    static <S, E> SessionContext<S, E> of(Store store, Clock clock, SessionType<S, E> type, SessionOptions options,
                                          String id) {
        String name = DurableSessions.fenceName(id);
        return new SessionContext<>(store, clock, type, options, id, StreamId.of(name), name, name);
    }

    /**
     * Under {@link PersistenceProfile.SnapshotOnly} the events a crash loses are not in the store; this record (in
     * the namespace named like the snapshot) holds the count of acknowledged events, so the owner that recovers can
     * tell how many the snapshot lacks.
     */
    static final RecordKey ACKNOWLEDGED_EVENTS = RecordKey.of("acknowledged-events");

    PersistenceProfile profile() {
        return options.profile();
    }

    boolean snapshots() {
        return !(options.profile() instanceof PersistenceProfile.JournalOnly);
    }
}
