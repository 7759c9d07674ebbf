package dev.steadfast.lifecycle;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A source store holding every kind of state a copy must carry, including truncated journals. */
final class CopyPopulation {
    static final StreamId PLAIN = StreamId.of("orders/1");
    static final StreamId PARTLY_TRUNCATED = StreamId.of("orders/2");
    static final StreamId FULLY_TRUNCATED = StreamId.of("orders/3");

    private CopyPopulation() {
    }

    /** Fills {@code store}; {@code entries} is the length of the plain journal. */
    static void fill(Store store, int entries) {
        WriteBatch.Builder plain = WriteBatch.builder();
        for (int i = 1; i <= entries; i++) {
            plain.append(PLAIN, i - 1, bytes("plain-" + i));
        }
        commit(store, plain.build());
        commit(store, WriteBatch.builder()
                .append(PARTLY_TRUNCATED, 0, bytes("a1"), bytes("a2"), bytes("a3"), bytes("a4"), bytes("a5"),
                        bytes("a6"), bytes("a7"))
                .append(FULLY_TRUNCATED, 0, bytes("b1"), bytes("b2"), bytes("b3"), bytes("b4"))
                .truncate(PARTLY_TRUNCATED, 4)
                .truncate(FULLY_TRUNCATED, 4)
                .putSnapshot("orders/1", 3, bytes("state@3"))
                .putSnapshot("orders/2", 6, new byte[] {0, -1, 7})
                .putRecord("offsets", RecordKey.of("a"), bytes("1"))
                .putRecord("offsets", RecordKey.of(new byte[] {(byte) 0xff, 0}), bytes("binary key"))
                .putRecord("offsets", RecordKey.of("b"), new byte[0])
                .putRecord("users", RecordKey.ofLong(42), bytes("alice"))
                .setFence(new Fence("owner/orders", "node-a", 1, "t1", 1000), 0)
                .build());
        commit(store, WriteBatch.builder()
                .setFence(new Fence("owner/orders", "node-b", 3, "t3", 5000), 1)
                .setFence(new Fence("owner/users", "node-c", 1, "", 0), 0)
                .build());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void commit(Store store, WriteBatch batch) {
        assertEquals(WriteResult.committed(), store.apply(batch));
    }
}
