package dev.steadfast.tck;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Stores with one classic bug each, made from a correct store with {@link ForwardingStore}. */
final class BrokenStores {
    private BrokenStores() {
    }

    /** Drops every guard of a batch: stale owners write, guard-only batches always pass. */
    static final class IgnoresGuards extends ForwardingStore {
        IgnoresGuards(Store delegate) {
            super(delegate);
        }

        @Override
        public WriteResult apply(WriteBatch batch) {
            return batch.operations().isEmpty() ? WriteResult.committed()
                    : super.apply(new WriteBatch(List.of(), batch.operations()));
        }

        @Override
        public List<WriteResult> applyAll(List<WriteBatch> batches) {
            return DefaultMethods.over(this).applyAll(batches);
        }
    }

    /** Reports the last retained entry as the head, as if truncation lowered it. */
    static final class HeadFromLastEntry extends ForwardingStore {
        HeadFromLastEntry(Store delegate) {
            super(delegate);
        }

        @Override
        public long journalHead(StreamId stream) {
            try (Stream<Entry> entries = super.readJournal(stream, 1)) {
                return entries.mapToLong(Entry::sequence).max().orElse(0);
            }
        }
    }

    /** Scans keys in signed byte order, as a naive {@code Arrays.compare} or a signed SQL collation would. */
    static final class SignedScan extends ForwardingStore {
        private static final Comparator<StoredRecord> SIGNED =
                (a, b) -> Arrays.compare(a.key().bytes(), b.key().bytes());

        SignedScan(Store delegate) {
            super(delegate);
        }

        @Override
        public Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
            List<StoredRecord> all;
            try (Stream<StoredRecord> s = super.scanRecords(namespace, KeyRange.all(), Integer.MAX_VALUE)) {
                all = new ArrayList<>(s.toList());
            }
            all.sort(SIGNED);
            return all.stream().filter(r -> (range.fromInclusive() == null
                            || Arrays.compare(r.key().bytes(), range.fromInclusive().bytes()) >= 0)
                            && (range.toExclusive() == null
                            || Arrays.compare(r.key().bytes(), range.toExclusive().bytes()) < 0))
                    .limit(limit);
        }
    }

    /** Applies a batch one operation at a time, so a conflict halfway leaves the first half written. */
    static final class NotAtomic extends ForwardingStore {
        NotAtomic(Store delegate) {
            super(delegate);
        }

        @Override
        public WriteResult apply(WriteBatch batch) {
            if (!batch.guards().isEmpty()) {
                WriteResult guards = super.apply(new WriteBatch(batch.guards(), List.of()));
                if (!guards.isCommitted()) {
                    return guards;
                }
            }
            for (WriteOp op : batch.operations()) {
                WriteResult r = super.apply(WriteBatch.of(op));
                if (!r.isCommitted()) {
                    return r;
                }
            }
            return WriteResult.committed();
        }

        @Override
        public List<WriteResult> applyAll(List<WriteBatch> batches) {
            return DefaultMethods.over(this).applyAll(batches);
        }
    }

    /** Compare-and-set without the compare: a fence change expects whatever epoch it finds (up to its own). */
    static final class FenceWithoutCompare extends ForwardingStore {
        FenceWithoutCompare(Store delegate) {
            super(delegate);
        }

        @Override
        public WriteResult apply(WriteBatch batch) {
            List<WriteOp> ops = new ArrayList<>();
            for (WriteOp op : batch.operations()) {
                if (op instanceof WriteOp.SetFence f) {
                    long found = super.readFence(f.fence().name()).map(Fence::epoch).orElse(0L);
                    op = new WriteOp.SetFence(f.fence(), Math.min(found, f.fence().epoch()));
                }
                ops.add(op);
            }
            return super.apply(new WriteBatch(batch.guards(), ops));
        }
    }

    /** Keeps working after close. */
    static final class IgnoresClose extends ForwardingStore {
        IgnoresClose(Store delegate) {
            super(delegate);
        }

        @Override
        public void close() {
        }
    }

    /** Declares a smaller maximum payload than it enforces, so an oversized payload gets in. */
    static final class UnenforcedLimit extends ForwardingStore {
        UnenforcedLimit(Store delegate) {
            super(delegate);
        }

        @Override
        public StoreDescriptor descriptor() {
            StoreDescriptor d = super.descriptor();
            return new StoreDescriptor(d.scheme(), d.location(), d.durable(), d.sharedAcrossProcesses(),
                    d.encrypted(), StoreDescriptor.MIN_MAX_PAYLOAD_BYTES);
        }
    }

    /** Pages a journal read by position, as SQL {@code OFFSET} would: a truncation meanwhile shifts the pages. */
    static final class OffsetPaging extends ForwardingStore {
        private static final int PAGE = 100;

        OffsetPaging(Store delegate) {
            super(delegate);
        }

        @Override
        public Stream<Entry> readJournal(StreamId stream, long from, long to, int max) {
            Stream<List<Entry>> pages = Stream.iterate(0, p -> p + 1).map(p -> page(stream, from, to, p));
            return pages.takeWhile(page -> !page.isEmpty()).flatMap(List::stream).limit(max);
        }

        private List<Entry> page(StreamId stream, long from, long to, int page) {
            try (Stream<Entry> all = super.readJournal(stream, from, to, Integer.MAX_VALUE)) {
                return all.skip((long) page * PAGE).limit(PAGE).toList();
            }
        }
    }
}
