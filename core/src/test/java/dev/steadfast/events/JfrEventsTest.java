package dev.steadfast.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.fence.Fences;
import dev.steadfast.session.DurableSession;
import dev.steadfast.session.DurableSessions;
import dev.steadfast.session.PersistenceProfile;
import dev.steadfast.session.SessionOptions;
import dev.steadfast.session.Sessions;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.testing.Backend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JfrEventsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void groupCommitsFenceChangesAndRecoveriesAreRecordedAsJfrEvents(Backend backend, @TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("steadfast.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.steadfast.GroupCommit");
            recording.enable("dev.steadfast.FenceChange");
            recording.enable("dev.steadfast.Recovery");
            recording.start();
            ManualClock clock = new ManualClock(1_000);
            try (Steadfast steadfast = Steadfast.builder().clock(clock).wrap(backend.open(dir.resolve("store")))) {
                Fences fences = new Fences(steadfast.store(), DomainEventsTest.TOKENS);
                fences.claimNext("orders", "node-a").orElseThrow();
                fences.requestTakeover("orders", "node-z", 1, "forged");
                DurableSessions<Long, Long> sessions = new Sessions(steadfast.store(), clock, DomainEventsTest.TOKENS)
                        .counters(SessionOptions.of(new PersistenceProfile.JournalOnly()));
                DurableSession<Long, Long> s = sessions.start("cart-1", "node-a", "r").orElseThrow();
                assertTrue(s.append(5L).acknowledged());
                sessions.takeOver("cart-1", "node-b").orElseThrow();
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> commits = named(events, "dev.steadfast.GroupCommit");
        assertFalse(commits.isEmpty());
        commits.forEach(e -> assertEquals(1, e.getInt("batches")));
        List<RecordedEvent> fences = named(events, "dev.steadfast.FenceChange").stream()
                .filter(e -> e.getString("fence").equals("orders")).toList();
        assertEquals(List.of("GRANTED", "SPLIT_BRAIN"), fences.stream().map(e -> e.getString("result")).toList());
        assertEquals("node-z", fences.get(1).getString("owner"));
        assertEquals(1, fences.get(1).getLong("epoch"));
        List<RecordedEvent> recoveries = named(events, "dev.steadfast.Recovery");
        RecordedEvent last = recoveries.get(recoveries.size() - 1);
        assertEquals("cart-1", last.getString("session"));
        assertEquals(1, last.getLong("eventsReplayed"));
        assertEquals(2, last.getLong("entriesRead"));
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }
}
