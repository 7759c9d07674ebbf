package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Three JVMs fight over one fence for a while, each taking it over and writing under it (see FenceContenderChild).
 * Every takeover and guarded write goes into one journal in the same batch, so the journal is the commit order of
 * all of them. Walking it: each epoch was granted once (no split brain), and every write carries the epoch and
 * owner of the latest takeover before it (no stale owner's write landed after a takeover). Every batch a child saw
 * acknowledged is in the journal. Run longer with {@code -Dsteadfast.pg.contentionSeconds=60}.
 */
class PostgresFenceContentionTest {
    /** The children run on past their time until this many takeovers, so the floor below holds under load. */
    private static final int MIN_TAKEOVERS = 150;

    @Test
    void threeJvmsContendingForOneFenceNeverSplitBrainAndNoStaleWriteLands() throws Exception {
        String schema = PgStores.freshSchema("contention");
        String uri = PgStores.uri(schema, "&poolSize=2");
        String seconds = System.getProperty("steadfast.pg.contentionSeconds", "20");
        List<String> acknowledged = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (String owner : List.of("jvm-a", "jvm-b", "jvm-c")) {
                children.add(ChildJvm.start(FenceContenderChild.class, uri, owner, seconds,
                        String.valueOf(MIN_TAKEOVERS)));
            }
            for (ChildJvm child : children) {
                assertEquals("ready", child.nextLine(60));
            }
            for (ChildJvm child : children) {
                for (String line : child.remainingLines(
                        Math.max(Long.parseLong(seconds), FenceContenderChild.HARD_CAP_SECONDS) + 90)) {
                    (line.startsWith("DONE") ? summaries : acknowledged).add(line);
                }
                assertEquals(0, child.exitCode(30));
            }
        } finally {
            children.forEach(ChildJvm::close);
        }
        assertEquals(3, summaries.size(), summaries.toString());

        long takeovers = 0;
        long writes = 0;
        long splitBrain = 0;
        long staleWrites = 0;
        Set<String> inJournal = new HashSet<>();
        try (Store store = PgStores.open(schema);
             Stream<Entry> journal = store.readJournal(FenceContenderChild.JOURNAL, 1)) {
            long epoch = 0;
            String owner = "";
            for (Entry e : (Iterable<Entry>) journal::iterator) {
                String line = new String(e.payload(), StandardCharsets.UTF_8);
                inJournal.add(line);
                String[] w = line.split(" ");
                long lineEpoch = Long.parseLong(w[1]);
                if (w[0].equals("T")) {
                    takeovers++;
                    splitBrain += lineEpoch == epoch + 1 ? 0 : 1;
                    epoch = lineEpoch;
                    owner = w[2];
                } else {
                    writes++;
                    staleWrites += lineEpoch == epoch && w[2].equals(owner) ? 0 : 1;
                }
            }
            assertEquals(epoch, store.readFence(FenceContenderChild.FENCE).orElseThrow().epoch());
        }
        List<String> lost = acknowledged.stream().filter(a -> !inJournal.contains(a)).toList();
        System.out.println("fence contention, 3 JVMs x " + seconds + " s: takeovers=" + takeovers + " writes=" + writes
                + " splitBrain=" + splitBrain + " staleWritesLanded=" + staleWrites + " acknowledgedMissing="
                + lost.size() + " children=" + summaries);
        assertEquals(0, splitBrain, "an epoch was granted twice or skipped");
        assertEquals(0, staleWrites, "a write landed under an epoch that had been taken over");
        assertEquals(List.of(), lost, "acknowledged batches missing from the journal");
        assertEquals(acknowledged.size(), takeovers + writes, "journal holds batches no child saw acknowledged");
        assertTrue(takeovers >= MIN_TAKEOVERS, "too little contention to mean anything: " + takeovers + " takeovers");
    }
}
