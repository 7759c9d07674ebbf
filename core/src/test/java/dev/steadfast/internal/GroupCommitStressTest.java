package dev.steadfast.internal;

import static dev.steadfast.internal.GroupCommitFixture.append;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steadfast.GroupCommitSettings;
import dev.steadfast.internal.FaultInjectingStore.Fault;
import dev.steadfast.internal.FaultInjectingStore.Injection;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteOutcomeUnknownException;
import dev.steadfast.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sixteen writers through group commit over a store that fails about one call in forty with a random fault at a
 * random position ({@link Error}, {@link RuntimeException}, {@link dev.steadfast.spi.StoreException},
 * {@link IllegalArgumentException} from a store that validates late). Afterwards every write its caller saw
 * committed is in the store exactly once, every write its caller saw refused or failed is absent, and a write
 * reported as outcome unknown is there at most once. Run with the leader waking its writers itself (wake fanout 0)
 * and with the writers waking one another ({@link WakeChain}, fanout 1 and 2).
 *
 * <p>{@code -Dsteadfast.stress.writes=N} changes the write count (default 100,000 per run, a few seconds).
 */
class GroupCommitStressTest {
    private static final int WRITERS = 16;
    private static final int WRITES = Integer.getInteger("steadfast.stress.writes", 100_000);
    private static final long SEED = Long.getLong("steadfast.stress.seed", 25L);

    private enum Seen { COMMITTED, REFUSED, FAILED, UNKNOWN }

    @ParameterizedTest(name = "maxGroupsInFlight={0} wakeFanout={1}")
    @CsvSource({"1,0", "4,0", "1,1", "4,1", "1,2"})
    void everyOutcomeACallerSawMatchesTheStore(int inFlight, int fanout) throws Exception {
        SplittableRandom random = new SplittableRandom(SEED + inFlight);
        Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
        FaultInjectingStore faulty = new FaultInjectingStore(false, batches -> {
            synchronized (injected) {
                if (random.nextInt(40) != 0) {
                    return null;
                }
                Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
                // A single batch is atomic: a store refuses it or fails on its medium before writing, but a bug
                // or a JVM error may strike after it was written.
                boolean afterAllowed = batches > 1 || fault == Fault.ERROR || fault == Fault.RUNTIME;
                injected.merge(fault, 1, Integer::sum);
                return new Injection(fault, random.nextInt(afterAllowed ? batches + 1 : batches));
            }
        });
        GroupCommitStore store = new GroupCommitStore(faulty,
                GroupCommitSettings.defaults().withMaxBatches(8).withMaxGroupsInFlight(inFlight), Observer.NONE,
                fanout);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<CompletableFuture<Seen[]>> writers = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(CompletableFuture.supplyAsync(() -> write(store, writer, WRITES / WRITERS), pool));
            }
            for (int w = 0; w < WRITERS; w++) {
                Seen[] seen = writers.get(w).get(5, TimeUnit.MINUTES);
                check(faulty, w, seen);
            }
            assertTrue(store.stats().largestGroup() > 1, "writers were grouped: " + store.stats());
        } finally {
            pool.shutdownNow();
            store.close();
        }
        synchronized (injected) {
            assertEquals(Fault.values().length, injected.size(), "every kind of fault was injected: " + injected);
        }
    }

    private static Seen[] write(GroupCommitStore store, int writer, int count) {
        StreamId stream = StreamId.of("w" + writer);
        Seen[] seen = new Seen[count];
        long head = 0;
        for (int n = 0; n < count; n++) {
            try {
                WriteResult result = store.apply(append(stream.value(), head, payload(writer, n)));
                seen[n] = result.isCommitted() ? Seen.COMMITTED : Seen.REFUSED;
                head = result.isCommitted() ? head + 1 : store.journalHead(stream);
            } catch (WriteOutcomeUnknownException e) {
                seen[n] = Seen.UNKNOWN;
                head = store.journalHead(stream);
            } catch (RuntimeException e) {
                seen[n] = Seen.FAILED;
            }
        }
        return seen;
    }

    private static void check(FaultInjectingStore faulty, int writer, Seen[] seen) {
        Map<String, Integer> copies = new HashMap<>();
        try (Stream<Entry> entries = faulty.inner.readJournal(StreamId.of("w" + writer), 1)) {
            entries.forEach(e -> copies.merge(new String(e.payload(), StandardCharsets.UTF_8), 1, Integer::sum));
        }
        int committed = 0;
        int landedUnknown = 0;
        for (int n = 0; n < seen.length; n++) {
            assertTrue(seen[n] != null, "writer " + writer + " got no outcome for write " + n);
            int found = copies.getOrDefault(payload(writer, n), 0);
            switch (seen[n]) {
                case COMMITTED -> {
                    committed++;
                    if (found != 1) {
                        fail("write " + n + " of writer " + writer + " was reported committed and is in the store "
                                + found + " times");
                    }
                }
                case REFUSED, FAILED -> {
                    if (found != 0) {
                        fail("write " + n + " of writer " + writer + " was reported " + seen[n]
                                + " yet is in the store");
                    }
                }
                case UNKNOWN -> {
                    assertTrue(found <= 1, "an unknown write is in the store at most once");
                    landedUnknown += found;
                }
            }
        }
        int total = copies.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(committed + landedUnknown, total, "writer " + writer + "'s journal holds only its own writes");
    }

    private static String payload(int writer, int n) {
        return writer + ":" + n;
    }
}
