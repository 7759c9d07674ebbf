package dev.steadfast.internal;

import dev.steadfast.GroupCommitStats;
import java.util.concurrent.atomic.AtomicLong;

/** Counts store write calls and the batches they carried. Thread-safe. */
final class GroupCommitMetrics {
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong largest = new AtomicLong();

    void recordGroup(int size) {
        groups.incrementAndGet();
        batches.addAndGet(size);
        if (size > largest.get()) {
            largest.accumulateAndGet(size, Math::max);
        }
    }

    GroupCommitStats snapshot() {
        return new GroupCommitStats(groups.get(), batches.get(), largest.get());
    }
}
