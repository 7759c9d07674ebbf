package dev.steadfast.internal;

import dev.steadfast.GroupCommitStats;
import java.util.concurrent.atomic.AtomicLong;

/** Counts store write calls and the batches they carried, and holds the observer they are reported to. Thread-safe. */
final class GroupCommitMetrics {
    private final Observer observer;
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong largest = new AtomicLong();

    GroupCommitMetrics() {
        this(Observer.NONE);
    }

    GroupCommitMetrics(Observer observer) {
        this.observer = observer;
    }

    Observer observer() {
        return observer;
    }

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
