package dev.steadfast.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SessionValuesTest {

    @Test
    void profilesRejectANonPositiveCheckpointInterval() {
        assertThrows(IllegalArgumentException.class, () -> new PersistenceProfile.SnapshotOnly(0));
        assertThrows(IllegalArgumentException.class, () -> new PersistenceProfile.SnapshotJournal(-1));
        assertEquals(0, new PersistenceProfile.JournalOnly().checkpointEvery());
    }

    @Test
    void optionsRejectNegativeLimits() {
        PersistenceProfile p = new PersistenceProfile.JournalOnly();
        assertThrows(IllegalArgumentException.class, () -> new SessionOptions(p, ReconnectPolicy.RESUME, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SessionOptions(p, ReconnectPolicy.RESUME, 0, -1));
        assertThrows(NullPointerException.class, () -> new SessionOptions(null, ReconnectPolicy.RESUME, 0, 0));
    }

    @Test
    void markersRoundTripThroughTheJournalFormat() {
        SessionCodec<Long> longs = SessionCodec.longs();
        for (SessionEntry<Long> marker : java.util.List.<SessionEntry<Long>>of(
                new SessionEntry.Opened<>(1, "a", 3, "route", 10),
                new SessionEntry.Crashed<>(1, "disk full"),
                new SessionEntry.Restarted<>(1, 20),
                new SessionEntry.Reconnected<>(1, ReconnectPolicy.REMOUNT, "r", 30))) {
            assertEquals(marker, EntryCodec.decode(1, EntryCodec.encodeMarker(marker), longs));
        }
        assertEquals(new SessionEntry.Event<>(4, 42L),
                EntryCodec.decode(4, EntryCodec.event(longs.encode(42L)), longs));
    }

    @Test
    void malformedJournalEntriesAndSnapshotsAreReportedWithTheirPosition() {
        SessionCodec<Long> longs = SessionCodec.longs();
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> EntryCodec.decode(7, new byte[0], longs));
        assertEquals("session journal entry 7 is empty", empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EntryCodec.decode(8, new byte[] {99}, longs));
        assertThrows(IllegalArgumentException.class, () -> EntryCodec.decode(9, new byte[] {3, 0}, longs));
        assertThrows(IllegalArgumentException.class, () -> SnapshotEnvelope.decode("session/x", new byte[] {9}));
        assertThrows(IllegalArgumentException.class, () -> SnapshotEnvelope.decode("session/x", new byte[] {1, 0}));
    }

    @Test
    void policyAndLifecycleLabelsAreStable() {
        assertEquals("rehydrate", ReconnectPolicy.REHYDRATE.label());
        assertEquals("disconnected", Lifecycle.DISCONNECTED.label());
    }
}
