package dev.steadfast.session;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.steadfast.fence.Claim;
import dev.steadfast.fence.OwnershipError;
import dev.steadfast.spi.Store;
import java.util.List;
import java.util.stream.Stream;

/** Small helpers shared by the session tests. */
final class SessionTesting {
    private SessionTesting() {
    }

    static List<PersistenceProfile> journaledProfiles() {
        return List.of(new PersistenceProfile.JournalOnly(), new PersistenceProfile.SnapshotJournal(4),
                new PersistenceProfile.SnapshotJournal(4, true));
    }

    static DurableSessions<Long, Long> counters(Store store, dev.steadfast.spi.Clock clock, PersistenceProfile p) {
        return new Sessions(store, clock).counters(SessionOptions.of(p));
    }

    static AppendResult.Acknowledged acked(AppendResult result) {
        return assertInstanceOf(AppendResult.Acknowledged.class, result, () -> result.toString());
    }

    static AppendResult.Refused refused(AppendResult result) {
        return assertInstanceOf(AppendResult.Refused.class, result);
    }

    static OwnershipError rejected(Claim<?> claim) {
        return assertInstanceOf(Claim.Rejected.class, claim).error();
    }

    static <E> List<SessionEntry<E>> journal(DurableSession<?, E> session) {
        try (Stream<SessionEntry<E>> entries = session.readJournal()) {
            return entries.toList();
        }
    }

    static <E> List<String> kinds(DurableSession<?, E> session) {
        return journal(session).stream().map(e -> e.getClass().getSimpleName()).toList();
    }
}
