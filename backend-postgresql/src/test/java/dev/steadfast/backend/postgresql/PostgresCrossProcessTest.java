package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Two JVMs on one PostgreSQL schema: the database, not any in-process lock, keeps their writes apart. */
class PostgresCrossProcessTest {

    @Test
    void twoJvmsAppendingTheSameSequenceExactlyOneWinsTheOtherGetsSequenceConflict() {
        String schema = PgStores.freshSchema("xproc");
        String uri = PgStores.uri(schema, "&poolSize=2");
        int rounds = 25;
        int firstWins = 0;
        try (ChildJvm a = ChildJvm.start(StoreCommandChild.class, uri);
             ChildJvm b = ChildJvm.start(StoreCommandChild.class, uri)) {
            assertEquals("ready", a.nextLine(60));
            assertEquals("ready", b.nextLine(60));
            for (int head = 0; head < rounds; head++) {
                a.send("append race " + head + " a" + head);
                b.send("append race " + head + " b" + head);
                List<String> answers = List.of(a.nextLine(30), b.nextLine(30));
                assertEquals(1, answers.stream().filter("ok"::equals).count(), "round " + head + ": " + answers);
                String loser = answers.stream().filter(s -> !s.equals("ok")).findFirst().orElseThrow();
                assertTrue(loser.startsWith("conflict SequenceConflict journal 'race' is at sequence " + (head + 1)),
                        loser);
                firstWins += answers.get(0).equals("ok") ? 1 : 0;
            }
        }
        try (Store store = PgStores.open(schema); Stream<Entry> entries = store.readJournal(StreamId.of("race"), 1)) {
            assertEquals(rounds, store.journalHead(StreamId.of("race")));
            assertEquals(rounds, entries.count());
        }
        System.out.println("append race: " + rounds + " rounds, JVM a won " + firstWins + ", JVM b won "
                + (rounds - firstWins));
    }

    @Test
    void staleOwnerInAnotherJvmIsFencedOutAndItsWriteDoesNotLand() {
        String schema = PgStores.freshSchema("xproc");
        String uri = PgStores.uri(schema, "&poolSize=2");
        try (ChildJvm a = ChildJvm.start(StoreCommandChild.class, uri);
             ChildJvm b = ChildJvm.start(StoreCommandChild.class, uri)) {
            assertEquals("ready", a.nextLine(60));
            assertEquals("ready", b.nextLine(60));
            a.send("take leader a 0 1");
            assertEquals("ok", a.nextLine(30));
            a.send("guarded leader 1 log 0 a-first");
            assertEquals("ok", a.nextLine(30));
            b.send("take leader b 1 2");
            assertEquals("ok", b.nextLine(30));
            a.send("guarded leader 1 log 1 a-stale");
            assertEquals("conflict FencedOut fence 'leader' is at epoch 2 (owner 'b'), this writer holds epoch 1",
                    a.nextLine(30));
        }
        try (Store store = PgStores.open(schema); Stream<Entry> entries = store.readJournal(StreamId.of("log"), 1)) {
            List<String> payloads = new ArrayList<>();
            entries.forEach(e -> payloads.add(new String(e.payload())));
            assertEquals(List.of("a-first"), payloads);
            assertEquals(new Fence("leader", "b", 2, "", Long.MAX_VALUE), store.readFence("leader").orElseThrow());
        }
    }
}
