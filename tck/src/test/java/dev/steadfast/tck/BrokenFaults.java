package dev.steadfast.tck;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Stores whose commit fails when the writing thread is interrupted, as one whose {@code FileChannel.force} throws
 * {@code ClosedByInterruptException} would; one handles it correctly, the others lie about it.
 */
final class BrokenFaults {
    private BrokenFaults() {
    }

    /** Correct: an interrupted commit throws, and applyAll throws as a whole. */
    static class FailsOnInterrupt extends InjectedFaults.OneByOne {
        FailsOnInterrupt(Store delegate) {
            super(delegate);
        }

        @Override
        public WriteResult apply(WriteBatch batch) {
            if (Thread.interrupted()) {
                throw new StoreIOException("commit interrupted before its sync; the batch may not be durable");
            }
            return super.apply(batch);
        }
    }

    /** Logs and ignores the failed sync of an interrupted commit, and reports the batch committed. */
    static final class SwallowsFailedCommits extends InjectedFaults.OneByOne {
        SwallowsFailedCommits(Store delegate) {
            super(delegate);
        }

        @Override
        public WriteResult apply(WriteBatch batch) {
            return Thread.interrupted() ? WriteResult.committed() : super.apply(batch);
        }
    }

    /**
     * When a commit's acknowledgement is lost, retries the batch; the retry meets the first attempt's own write
     * and the store reports that conflict, so the writer believes a batch that landed was refused.
     */
    static final class RetriesUncertainCommits extends InjectedFaults.OneByOne {
        RetriesUncertainCommits(Store delegate) {
            super(delegate);
        }

        @Override
        public WriteResult apply(WriteBatch batch) {
            if (Thread.interrupted()) {
                super.apply(batch);
            }
            return super.apply(batch);
        }
    }

    /**
     * Keeps its caller's interrupt, but a call made with it set breaks the handle for every later caller, as a
     * {@code FileChannel} closed by an interrupted thread breaks a store that shares it; a reopen recovers.
     */
    static final class BrokenByInterrupt extends InjectedFaults.OneByOne {
        private volatile boolean broken;

        BrokenByInterrupt(Store delegate) {
            super(delegate);
        }

        private void check() {
            broken |= Thread.currentThread().isInterrupted();
            if (broken) {
                throw new StoreIOException("the store's file was closed by an interrupted caller; reopen it");
            }
        }

        @Override
        public WriteResult apply(WriteBatch batch) {
            check();
            return super.apply(batch);
        }

        @Override
        public long journalHead(StreamId stream) {
            check();
            return super.journalHead(stream);
        }

        @Override
        public Stream<Entry> readJournal(StreamId stream, long fromSequence, long toSequence, int maxEntries) {
            check();
            return super.readJournal(stream, fromSequence, toSequence, maxEntries);
        }
    }

    /** Commits correctly, but its applyAll stops at a failed batch and returns the results it has. */
    static final class PartialResultsOnFault extends FailsOnInterrupt {
        PartialResultsOnFault(Store delegate) {
            super(delegate);
        }

        @Override
        public List<WriteResult> applyAll(List<WriteBatch> batches) {
            List<WriteResult> results = new ArrayList<>();
            for (WriteBatch batch : batches) {
                try {
                    results.add(apply(batch));
                } catch (StoreException e) {
                    break;
                }
            }
            return results;
        }
    }
}
