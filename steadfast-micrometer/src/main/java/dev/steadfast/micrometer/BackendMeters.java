package dev.steadfast.micrometer;

import dev.steadfast.spi.StoreEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The meters of what backends report of their own mechanics ({@link StoreEvent}); all registered up front. */
final class BackendMeters {
    private final Map<StoreEvent.LockWaited.Scope, Timer> lockWaits = new EnumMap<>(StoreEvent.LockWaited.Scope.class);
    private final Timer reconnects;
    private final Counter segmentRolls;
    private final Timer compactions;
    private final DistributionSummary reclaimed;
    private final Counter bytesWritten;

    BackendMeters(MeterRegistry registry, Tags common) {
        for (StoreEvent.LockWaited.Scope scope : StoreEvent.LockWaited.Scope.values()) {
            lockWaits.put(scope, Timer.builder("steadfast.store.lock.waits")
                    .description("Writes that waited for a lock another writer held, and how long: this process's"
                            + " writer lock of the database, or the database's own (SQLite: busy)")
                    .tags(common).tag("lock", scope.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        reconnects = Timer.builder("steadfast.store.reconnects")
                .description("Recoveries from a lost database connection, timed from the loss to the first success")
                .tags(common).register(registry);
        segmentRolls = Counter.builder("steadfast.store.segment.rolls")
                .description("Log files sealed and replaced by a new one").baseUnit("segments").tags(common)
                .register(registry);
        compactions = Timer.builder("steadfast.store.compactions").description("Compactions and how long they took")
                .tags(common).register(registry);
        reclaimed = DistributionSummary.builder("steadfast.store.compaction.reclaimed")
                .description("Bytes of files a compaction freed").baseUnit("bytes").tags(common).register(registry);
        bytesWritten = Counter.builder("steadfast.store.bytes.written")
                .description("Bytes committed to the store's files, framing and encryption included")
                .baseUnit("bytes").tags(common).register(registry);
    }

    void record(StoreEvent event) {
        if (event instanceof StoreEvent.LockWaited w) {
            lockWaits.get(w.scope()).record(w.nanos(), TimeUnit.NANOSECONDS);
        } else if (event instanceof StoreEvent.Reconnected r) {
            reconnects.record(r.nanos(), TimeUnit.NANOSECONDS);
        } else if (event instanceof StoreEvent.SegmentRolled) {
            segmentRolls.increment();
        } else if (event instanceof StoreEvent.Compacted c) {
            compactions.record(c.nanos(), TimeUnit.NANOSECONDS);
            reclaimed.record(Math.max(0, c.bytesBefore() - c.bytesAfter()));
        } else if (event instanceof StoreEvent.BytesWritten b) {
            bytesWritten.increment(b.bytes());
        }
    }
}
