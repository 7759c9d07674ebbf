package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class SpaceTests extends TckGroup {

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
