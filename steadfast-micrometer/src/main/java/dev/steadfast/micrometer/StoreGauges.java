package dev.steadfast.micrometer;

import dev.steadfast.events.SteadfastEvent;
import dev.steadfast.spi.StoreGauge;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The gauges of an open store: the group commit queue and the levels its backend offers. Registered when the store
 * is opened and removed when it is closed, so a closed store is neither kept alive nor reported.
 */
final class StoreGauges {
    private final MeterRegistry registry;
    private final Tags common;
    private final List<Meter> registered = new ArrayList<>();

    StoreGauges(MeterRegistry registry, Tags common) {
        this.registry = registry;
        this.common = common;
    }

    synchronized void opened(SteadfastEvent.StoreOpened store) {
        registered.add(Gauge.builder("steadfast.group.commit.queue", store.queuedBatches(), q -> q.getAsInt())
                .description("Batches waiting for the group committer").baseUnit("batches").tags(common)
                .strongReference(true).register(registry));
        for (Map.Entry<StoreGauge, LongSupplier> g : store.gauges().entrySet()) {
            registered.add(Gauge.builder(name(g.getKey()), g.getValue(), r -> r.getAsLong())
                    .description(description(g.getKey())).baseUnit(unit(g.getKey())).tags(common)
                    .strongReference(true).register(registry));
        }
    }

    synchronized void closed() {
        registered.forEach(registry::remove);
        registered.clear();
    }

    private static String name(StoreGauge gauge) {
        return switch (gauge) {
            case WAL_BYTES -> "steadfast.store.wal.size";
            case POOL_ACTIVE -> "steadfast.store.pool.connections.active";
            case POOL_IDLE -> "steadfast.store.pool.connections.idle";
            case POOL_PENDING -> "steadfast.store.pool.connections.pending";
            case POOL_MAX -> "steadfast.store.pool.connections.max";
        };
    }

    private static String unit(StoreGauge gauge) {
        return gauge == StoreGauge.WAL_BYTES ? "bytes" : "connections";
    }

    private static String description(StoreGauge gauge) {
        return switch (gauge) {
            case WAL_BYTES -> "Size of the database's write-ahead log file";
            case POOL_ACTIVE -> "Pooled database connections lent out";
            case POOL_IDLE -> "Pooled database connections open and idle";
            case POOL_PENDING -> "Callers waiting for a pooled database connection";
            case POOL_MAX -> "The most connections the pool opens";
        };
    }
}
