package dev.steadfast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's quick start, verbatim apart from the assertions: if this breaks, the README is wrong. */
class ReadmeQuickStartTest {

    @Test
    void quickStartAppendsUnderAFenceAndReadsBack() {
        try (Steadfast steadfast = Steadfast.open("memory:")) {
            var store = steadfast.store();
            var orders = StreamId.of("orders");
            store.apply(WriteBatch.builder().setFence(new Fence("orders", "node-a", 1, "", Long.MAX_VALUE), 0).build());

            WriteResult result = store.apply(WriteBatch.builder()
                    .guardFence("orders", 1)                       // refused once someone holds epoch 2
                    .append(orders, 0, "created #1".getBytes(StandardCharsets.UTF_8))
                    .build());

            try (Stream<Entry> entries = store.readJournal(orders, 1)) {
                entries.forEach(e -> System.out.println(e.sequence() + " " + new String(e.payload(), StandardCharsets.UTF_8)));
            }
            assertTrue(result.isCommitted());
            try (Stream<Entry> entries = store.readJournal(orders, 1)) {
                assertEquals(List.of(1L), entries.map(Entry::sequence).toList());
            }

            store.apply(WriteBatch.builder().setFence(new Fence("orders", "node-b", 2, "", Long.MAX_VALUE), 1).build());
            WriteResult stale = store.apply(WriteBatch.builder()
                    .guardFence("orders", 1)
                    .append(orders, 1, "late".getBytes(StandardCharsets.UTF_8))
                    .build());
            assertInstanceOf(FencedOut.class, stale);
            assertEquals("fence 'orders' is at epoch 2 (owner 'node-b'), this writer holds epoch 1",
                    ((FencedOut) stale).message());
            assertEquals(1, store.journalHead(orders));
        }
    }
}
