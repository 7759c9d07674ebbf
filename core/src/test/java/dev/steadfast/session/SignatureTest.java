package dev.steadfast.session;

import static dev.steadfast.session.SessionTesting.acked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Backends;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignatureTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void sameHistoryGivesTheSameSignatureOnEveryBackendAndAnotherHistoryAnother(Backend backend,
                                                                               @TempDir Path dir) {
        String here = script(backend, dir.resolve("one"), 3L);
        assertTrue(here.matches("[0-9a-f]{64}"), here);
        assertEquals(here, script(backend, dir.resolve("two"), 3L), "stable across runs");
        assertEquals(script(Backends.memory(), dir.resolve("mem"), 3L), here, "stable across backends");
        assertNotEquals(here, script(backend, dir.resolve("other"), 4L));
    }

    private static String script(Backend backend, Path dir, long last) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(1_700_000_000_000L);
            DurableSessions<Long, Long> sessions = new Sessions(store, clock)
                    .counters(SessionOptions.of(new PersistenceProfile.SnapshotJournal(3, true)));
            DurableSession<Long, Long> a = sessions.start("sig", "a", "r").orElseThrow();
            acked(a.append(1L));
            clock.advanceMillis(5);
            acked(a.append(2L));
            acked(a.crash("test"));
            acked(a.restart(clock.millis()));
            acked(a.reconnect(ReconnectPolicy.RESUME, "r2", clock.millis()));
            DurableSession<Long, Long> b = sessions.takeOver("sig", "b").orElseThrow();
            acked(b.append(last));
            return b.signature();
        }
    }
}
