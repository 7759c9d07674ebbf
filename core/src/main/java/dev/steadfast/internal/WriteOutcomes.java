package dev.steadfast.internal;

import dev.steadfast.events.WriteOutcome;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.WriteResult;
import java.util.List;

/** Reports what each batch of a store call came to. */
final class WriteOutcomes {
    private WriteOutcomes() {
    }

    /** A group's outcome: its results, or {@code failure} for every batch of it. */
    static void report(Observer observer, List<PendingWrite> group, List<WriteResult> results,
                       RuntimeException failure) {
        if (failure != null || results == null) {
            int batches = 0;
            for (PendingWrite p : group) {
                batches += p.batches.size();
            }
            faults(observer, batches);
        } else {
            results(observer, results);
        }
    }

    static void faults(Observer observer, int batches) {
        for (int i = 0; i < batches; i++) {
            observer.batchWritten(WriteOutcome.FAULT);
        }
    }

    static void results(Observer observer, List<WriteResult> results) {
        if (results == null) {
            return;
        }
        for (WriteResult r : results) {
            if (r instanceof FencedOut f) {
                observer.fencedOut(f.fence(), f.expectedEpoch(), f.foundEpoch(), f.foundOwner());
                observer.batchWritten(WriteOutcome.FENCED_OUT);
            } else if (r instanceof SequenceConflict) {
                observer.batchWritten(WriteOutcome.SEQUENCE_CONFLICT);
            } else if (r != null) {
                observer.batchWritten(WriteOutcome.COMMITTED);
            }
        }
    }
}
