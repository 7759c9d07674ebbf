package dev.steadfast.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.ChildProcess;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A real owner process killed with SIGKILL mid-burst: its successor finds every acknowledged event. */
class KilledOwnerTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#durable")
    void ownerKilledMidBurstLosesNoAcknowledgedEvent(Backend backend, @TempDir Path dir) throws Exception {
        String uri = backend.uri().apply(dir);
        int seen = 0;
        try (ChildProcess a = new ChildProcess(SessionOwnerProcess.class, dir.resolve("a.err"), uri, "burst", "a")) {
            assertEquals("READY 1", a.next());
            a.send("burst 100000");
            for (; seen < 200; seen++) {
                String line = a.next();
                assertTrue(line.startsWith("ACK 1 "), line);
            }
            a.killHard();
        }
        try (Store store = backend.open(dir)) {
            DurableSession<Long, Long> b = new Sessions(store, Clock.system())
                    .counters(SessionOptions.of(SessionOwnerProcess.PROFILE))
                    .takeOver("burst", "b").orElseThrow();
            assertTrue(b.state() >= seen, "state " + b.state() + " lost some of the " + seen + " acknowledged");
            try (Stream<SessionEntry<Long>> journal = b.readJournal()) {
                assertEquals((long) b.state(), journal.filter(e -> e instanceof SessionEntry.Event<Long>).count());
            }
            assertTrue(b.lastRecovery().entriesRead() <= 16, "recovery read " + b.lastRecovery());
        }
    }
}
