package dev.steadfast.session;

import static dev.steadfast.session.SessionTesting.acked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.ChildProcess;
import dev.steadfast.testing.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real processes on one SQLite file: A (a child JVM) owns a session and appends; B (this JVM) takes over at
 * the next epoch. Coordinated through A's stdin/stdout, without sleeping.
 */
class TwoProcessTakeoverTest {
    private static final PersistenceProfile PROFILE = SessionOwnerProcess.PROFILE;

    @TempDir
    Path dir;

    private String uri;

    @BeforeEach
    void requireSqlite() {
        assumeTrue(Stores.provider("sqlite").isPresent(), "no sqlite: provider on the test class path");
        uri = "sqlite:" + dir.resolve("sessions.db");
        try (Store store = Stores.open(uri)) {
            assumeTrue(store.descriptor().sharedAcrossProcesses(), "this sqlite: store is not shared across processes");
        }
    }

    @Test
    void newOwnerInAnotherProcessHoldsEveryAcknowledgedEventAndTheOldOwnerIsFencedOut() throws Exception {
        List<Long> acknowledged = new ArrayList<>();
        try (ChildProcess a = new ChildProcess(SessionOwnerProcess.class, dir.resolve("a.err"), uri, "cart", "a")) {
            assertEquals("READY 1", a.next());
            for (long delta = 1; delta <= 25; delta++) {
                a.send("append " + delta);
                String line = a.next();
                assertTrue(line.startsWith("ACK " + delta + " "), line);
                acknowledged.add(delta);
            }

            try (Store store = Stores.open(uri)) {
                DurableSessions<Long, Long> sessions = new Sessions(store, Clock.system())
                        .counters(SessionOptions.of(PROFILE));
                DurableSession<Long, Long> b = sessions.takeOver("cart", "b").orElseThrow();
                assertEquals(2, b.fence().epoch());
                assertEquals(sum(acknowledged), b.state());
                long headAtTakeover = b.journalHead();

                a.send("append 1000");
                String refused = a.next();
                assertTrue(refused.startsWith("REFUSED FencedOut "), refused);
                assertTrue(refused.contains("superseded by owner 'b' at epoch 2"), refused);
                assertEquals(headAtTakeover, store.journalHead(dev.steadfast.spi.StreamId.of("session/cart")));

                acked(b.append(7L));
                assertEquals(events(b), append(acknowledged, 7L), "nothing A wrote after the takeover is stored");
                a.send("quit");
                assertTrue(a.exitsWithin(60));
                assertEquals(0, a.exitValue());
            }
        }
    }

    private static List<Long> events(DurableSession<Long, Long> session) {
        try (Stream<SessionEntry<Long>> journal = session.readJournal()) {
            return journal.filter(e -> e instanceof SessionEntry.Event<Long>)
                    .map(e -> ((SessionEntry.Event<Long>) e).event()).toList();
        }
    }

    private static long sum(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sum();
    }

    private static List<Long> append(List<Long> values, long last) {
        List<Long> all = new ArrayList<>(values);
        all.add(last);
        return all;
    }
}
