package dev.steadfast.cli;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A store populated through the SPI with one of each kind of state, for inspect and verify. */
final class Fixtures {
    static final StreamId ORDERS = StreamId.of("orders/7");
    static final int ENTRIES = 10;

    private Fixtures() {
    }

    static void populate(Store store) {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 1; i <= ENTRIES; i++) {
            payloads.add(("event " + i).getBytes(StandardCharsets.UTF_8));
        }
        WriteResult result = store.apply(WriteBatch.builder()
                .append(ORDERS, 0, payloads)
                .putSnapshot(ORDERS.value(), 8, new byte[] {1, 2, 3})
                .setFence(new Fence("orders/7", "node-x", 1, "", Long.MAX_VALUE), 0)
                .putRecord("idempotency", RecordKey.of("k1"), new byte[] {9})
                .putRecord("idempotency", RecordKey.of("k2"), new byte[] {9, 9})
                .build());
        if (!result.isCommitted()) {
            throw new AssertionError("populating the fixture store failed: " + result);
        }
    }
}
