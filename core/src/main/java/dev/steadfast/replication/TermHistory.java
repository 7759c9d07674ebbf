package dev.steadfast.replication;

import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.WriteOp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The durable history of terms a node has seen: which term started at which LSN on which node. Written in the same
 * batch that adopts the term, so that a node never holds a term without knowing where it began. A demoted primary
 * compares it with its journal to tell which of its entries never reached the new primary.
 */
public final class TermHistory {
    private final Store store;

    /** The history kept in {@code store}. */
    TermHistory(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** {@return every term start recorded, in term order} */
    public List<TermStart> all() {
        try (Stream<StoredRecord> records = store.scanRecords(Layout.TERMS)) {
            return records.map(TermHistory::decode).toList();
        }
    }

    /**
     * Looks up where a term started.
     *
     * @param term the term
     * @return its start, or empty if this node did not record it
     */
    public Optional<TermStart> start(long term) {
        return store.getRecord(Layout.TERMS, RecordKey.ofLong(term)).map(v -> decode(term, v));
    }

    /**
     * The term an entry belongs to by this history: the latest term started at or before it.
     *
     * @param lsn the entry's log sequence number
     * @return that term's start, or empty if no recorded term started at or before {@code lsn}
     */
    public Optional<TermStart> termAt(long lsn) {
        TermStart found = null;
        for (TermStart start : all()) {
            if (start.startLsn() <= lsn) {
                found = start;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The operation recording {@code start}, to put in the batch that adopts its term. */
    static WriteOp record(TermStart start) {
        byte[] node = start.primaryId().getBytes(StandardCharsets.UTF_8);
        byte[] value = ByteBuffer.allocate(8 + node.length).putLong(start.startLsn()).put(node).array();
        return new WriteOp.PutRecord(Layout.TERMS, RecordKey.ofLong(start.term()), value);
    }

    private static TermStart decode(StoredRecord record) {
        return decode(ByteBuffer.wrap(record.key().bytes()).getLong(), record.value());
    }

    private static TermStart decode(long term, byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        long startLsn = buffer.getLong();
        return new TermStart(term, startLsn, new String(value, 8, value.length - 8, StandardCharsets.UTF_8));
    }
}
