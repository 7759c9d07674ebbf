package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class SpaceTests extends TckGroup {
    private static final int ROUNDS = 3;
    private static final int ROUND_BYTES = 512 * 1024;
    private static final int BATCH_BYTES = 64 * 1024;
    private static final int PAYLOAD_BYTES = 1024;

    @Test
    @DisplayName("reclaiming space keeps every kind of state, truncations and heads included, also after reopen")
    void reclaimKeepsEverything() {
        Population.populate(store());
        StoreState before = state();

        store().reclaimSpace();

        assertEquals(before, state());
        assertEquals(5, store().journalHead(Population.PARTLY_TRUNCATED));
        append(Population.FULLY_TRUNCATED, 3, "b4");
        assertEquals(List.of(4L), sequences(Population.FULLY_TRUNCATED, 1, Long.MAX_VALUE, 10),
                "appends continue at the head after reclaiming");
        if (store().descriptor().durable()) {
            StoreState after = state();
            assertEquals(after, StoreState.of(reopen()));
        }
    }

    @Test
    @DisplayName("storage bytes, when the backend reports them, are positive and count what was written")
    void storageBytesCountWrites() {
        OptionalLong empty = store().storageBytes();
        if (empty.isEmpty()) {
            return; // optional: the backend cannot tell
        }
        byte[] payload = new byte[4096];
        WriteBatch.Builder batch = WriteBatch.builder();
        for (int i = 0; i < 64; i++) {
            batch.putSnapshot("space/" + i, 0, payload);
        }
        commit(batch.build());

        long written = store().storageBytes().orElseThrow();
        assertTrue(written > empty.getAsLong(), "before " + empty + ", after 256 KiB " + written);
    }

    /**
     * The size check of reclaiming: a journal filled, truncated whole and reclaimed, three times over, must not take
     * more room each time. A backend that only ever appends (H2 keeps freed chunks for 45 s, an encrypted-file store
     * appends segments, PostgreSQL keeps dead rows until a vacuum) grows by about the volume written per round
     * unless {@code reclaimSpace} gives the space back or makes it reusable; the slack is half a round. Payloads are
     * random so that no backend compresses them away. A backend that cannot tell its size passes it unmeasured.
     */
    @Test
    @DisplayName("space freed by truncation and reclaimed is reused: writing as much again does not grow the store")
    void reclaimedSpaceIsReusedByLaterWrites() {
        if (store().storageBytes().isEmpty()) {
            return; // optional, as in storageBytesCountWrites: the backend cannot tell (the self-test's stores)
        }
        StreamId refilled = stream("space/refilled");
        Random random = new Random(23);
        List<Long> fullest = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int batch = 0; batch < ROUND_BYTES / BATCH_BYTES; batch++) {
                List<byte[]> payloads = new ArrayList<>();
                for (int i = 0; i < BATCH_BYTES / PAYLOAD_BYTES; i++) {
                    byte[] payload = new byte[PAYLOAD_BYTES];
                    random.nextBytes(payload);
                    payloads.add(payload);
                }
                commit(WriteBatch.builder().append(refilled, store().journalHead(refilled), payloads).build());
            }
            fullest.add(store().storageBytes().orElseThrow());
            commit(WriteBatch.builder().truncate(refilled, store().journalHead(refilled)).build());
            store().reclaimSpace();
        }
        long growth = fullest.get(ROUNDS - 1) - fullest.get(0);
        assertTrue(growth < ROUND_BYTES / 2, "the store at its fullest per round of " + ROUND_BYTES
                + " bytes: " + fullest + " (grew " + growth + " bytes)");
        assertEquals((long) ROUNDS * ROUND_BYTES / PAYLOAD_BYTES, store().journalHead(refilled), "heads stay");
        assertEquals(List.of(), sequences(refilled, 1, Long.MAX_VALUE, 10), "the truncated journal stays empty");
    }

    /**
     * Maintenance may hold writers off while it runs (a VACUUM needs the database alone); this pins that it lets
     * them go afterwards, also when the thread that ran it never writes again. The store is not the group's: if a
     * writer stays stuck, closing the store would wait for it and hang the kit, so it is then left open.
     */
    @Test
    @DisplayName("after measuring and reclaiming space, another thread writes and reads")
    void maintenanceLetsOtherThreadsWriteAfterwards() throws Exception {
        Store maintained = tck().openStore(dir);
        ExecutorService other = Executors.newSingleThreadExecutor();
        boolean stuck = false;
        try {
            maintained.storageBytes();
            maintained.reclaimSpace();
            long head = other.submit(() -> {
                commit(maintained, WriteBatch.builder().append(stream("space/after"), 0, bytes("x")).build());
                return maintained.journalHead(stream("space/after"));
            }).get(60, TimeUnit.SECONDS);
            assertEquals(1, head);
        } catch (TimeoutException e) {
            stuck = true;
            throw new AssertionError("a write from another thread did not finish within 60 s of reclaimSpace", e);
        } finally {
            other.shutdownNow();
            if (!stuck) {
                maintained.close();
            }
        }
    }
}
