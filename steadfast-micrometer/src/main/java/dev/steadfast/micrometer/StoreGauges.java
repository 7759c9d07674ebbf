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
            Shown shown = shown(g.getKey());
            registered.add(Gauge.builder(shown.name(), g.getValue(), r -> r.getAsLong())
                    .description(shown.description()).baseUnit(shown.unit()).tags(common)
                    .strongReference(true).register(registry));
        }
    }

    synchronized void closed() {
        registered.forEach(registry::remove);
        registered.clear();
    }

    /** What a backend's level is called and means in the registry. */
    private record Shown(String name, String unit, String description) {
    }

    private static Shown shown(StoreGauge gauge) {
        return switch (gauge) {
            case WAL_BYTES -> new Shown("steadfast.store.wal.size", "bytes",
                    "Bytes of the write-ahead log not yet checkpointed into the database");
            case FILE_BYTES -> new Shown("steadfast.store.file.size", "bytes", "Size of the database file on disk");
            case POOL_ACTIVE -> pool("active", "Pooled database connections lent out");
            case POOL_IDLE -> pool("idle", "Pooled database connections open and idle");
            case POOL_PENDING -> pool("pending", "Callers waiting for a pooled database connection");
            case POOL_MAX -> pool("max", "The most connections the pool opens");
        };
    }

    private static Shown pool(String level, String description) {
        return new Shown("steadfast.store.pool.connections." + level, "connections", description);
    }
}
