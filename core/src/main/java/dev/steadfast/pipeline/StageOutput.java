package dev.steadfast.pipeline;

import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.WriteOp;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A stage's idempotent sink and state in the store: output records keyed by the emitted key (8 big-endian bytes,
 * so they scan in key order), each value the event time then the payload; the state one record per stage,
 * after a format byte.
 */
final class StageOutput {
    private static final byte STATE_FORMAT = 1;
    private static final int PAGE = 512;

    private StageOutput() {
    }

    static WriteOp put(String runId, String stage, long key, long eventTimeMs, byte[] value) {
        if (key < 0 || key == Long.MAX_VALUE) {
            throw new IllegalArgumentException("stage '" + stage + "' emitted key " + key
                    + ", keys must be >= 0 and below " + Long.MAX_VALUE);
        }
        PipelineNames.requireNonNegative("event time emitted by stage '" + stage + "'", eventTimeMs);
        byte[] stored = ByteBuffer.allocate(Long.BYTES + value.length).putLong(eventTimeMs).put(value).array();
        return new WriteOp.PutRecord(PipelineNames.outputNamespace(runId, stage), RecordKey.ofLong(key), stored);
    }

    /**
     * The committed output of {@code stage} from key {@code offset} on, as the next stage reads it: in pages, so
     * that no store cursor stays open while the reading stage commits its checkpoints to the same store.
     */
    static Stream<Item> read(Store store, String runId, String stage, long offset) {
        String namespace = PipelineNames.outputNamespace(runId, stage);
        Iterator<Item> pages = new Iterator<>() {
            private List<Item> page = List.of();
            private int next;
            private long from = offset;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (next < page.size()) {
                    return true;
                }
                if (exhausted) {
                    return false;
                }
                try (Stream<StoredRecord> records = store.scanRecords(namespace,
                        KeyRange.from(RecordKey.ofLong(from)), PAGE)) {
                    page = records.map(StageOutput::item).toList();
                }
                next = 0;
                exhausted = page.size() < PAGE;
                if (!page.isEmpty()) {
                    from = page.get(page.size() - 1).nextOffset();
                }
                return !page.isEmpty();
            }

            @Override
            public Item next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(next++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false);
    }

    private static Item item(StoredRecord r) {
        long key = ByteBuffer.wrap(r.key().bytes()).getLong();
        byte[] v = r.value();
        long eventTime = ByteBuffer.wrap(v, 0, Long.BYTES).getLong();
        return new Item(key, key + 1, eventTime, Arrays.copyOfRange(v, Long.BYTES, v.length));
    }

    static WriteOp putState(String runId, String stage, byte[] state) {
        byte[] stored = new byte[state.length + 1];
        stored[0] = STATE_FORMAT;
        System.arraycopy(state, 0, stored, 1, state.length);
        return new WriteOp.PutRecord(PipelineNames.stateNamespace(runId), RecordKey.of(stage), stored);
    }

    /** The state saved with {@code stage}'s latest checkpoint, empty if none. */
    static byte[] state(Store store, String runId, String stage) {
        return store.getRecord(PipelineNames.stateNamespace(runId), RecordKey.of(stage))
                .map(b -> {
                    if (b[0] != STATE_FORMAT) {
                        throw new IllegalStateException("state of stage '" + stage + "' of run '" + runId
                                + "' has format " + b[0] + ", this library reads format " + STATE_FORMAT);
                    }
                    return Arrays.copyOfRange(b, 1, b.length);
                })
                .orElse(new byte[0]);
    }
}
