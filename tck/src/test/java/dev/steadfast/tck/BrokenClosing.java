package dev.steadfast.tck;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.Names;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Stores that check they are open only on the way to real work, so a call that has nothing to do answers even
 * after close: each is correct while open and fails only the closed-store test written for its short cut.
 */
final class BrokenClosing {
    private BrokenClosing() {
    }

    /** Overrides the space methods as no-ops that cannot tell, as {@link Store}'s defaults once did. */
    static final class SpaceCallsIgnoreClose extends ForwardingStore {
        SpaceCallsIgnoreClose(Store delegate) {
            super(delegate);
        }

        @Override
        public OptionalLong storageBytes() {
            return OptionalLong.empty();
        }

        @Override
        public void reclaimSpace() {
        }
    }

    /** Answers {@code applyAll} of no batches with no results before it looks at the store. */
    static final class EmptyApplyAllIgnoresClose extends ForwardingStore {
        EmptyApplyAllIgnoresClose(Store delegate) {
            super(delegate);
        }

        @Override
        public List<WriteResult> applyAll(List<WriteBatch> batches) {
            return batches != null && batches.isEmpty() ? List.of() : super.applyAll(batches);
        }
    }

    /**
     * Checks its arguments, then answers a read that can return nothing (a maximum of 0, a range empty by its
     * bounds) with an empty stream before it opens a cursor, and so before it checks that it is open.
     */
    static final class EmptyReadsIgnoreClose extends ForwardingStore {
        EmptyReadsIgnoreClose(Store delegate) {
            super(delegate);
        }

        @Override
        public Stream<Entry> readJournal(StreamId stream, long from, long to, int max) {
            boolean valid = stream != null && from >= 1 && to >= 0 && max >= 0;
            return valid && (max == 0 || to < from) ? Stream.empty() : super.readJournal(stream, from, to, max);
        }

        @Override
        public Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
            Names.require("record namespace", namespace);
            boolean valid = range != null && limit >= 0;
            boolean empty = limit == 0 || range != null && range.fromInclusive() != null
                    && range.fromInclusive().equals(range.toExclusive());
            return valid && empty ? Stream.empty() : super.scanRecords(namespace, range, limit);
        }
    }
}
