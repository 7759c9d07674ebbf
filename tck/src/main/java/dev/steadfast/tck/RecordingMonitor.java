package dev.steadfast.tck;

import dev.steadfast.spi.StoreEvent;
import dev.steadfast.spi.StoreGauge;
import dev.steadfast.spi.StoreMonitor;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * A {@link StoreMonitor} that keeps what a store reports, for a backend's tests of its own events and gauges:
 * {@code store.monitor(recorder)}, drive the store, then look at {@link #events(Class)} and {@link #read}.
 * Thread-safe.
 */
public final class RecordingMonitor implements StoreMonitor {
    private final List<StoreEvent> events = new CopyOnWriteArrayList<>();
    private final Map<StoreGauge, LongSupplier> gauges = new EnumMap<>(StoreGauge.class);

    /** A recorder with nothing recorded. */
    public RecordingMonitor() {
    }

    @Override
    public void onEvent(StoreEvent event) {
        events.add(event);
    }

    @Override
    public synchronized void gauge(StoreGauge gauge, LongSupplier reading) {
        gauges.put(gauge, reading);
    }

    /**
     * The events of one kind reported so far.
     *
     * @param kind the event record, for example {@code StoreEvent.BytesWritten.class}
     * @param <E>  the event's type
     * @return a snapshot of those events, in the order reported; empty if none
     */
    public <E extends StoreEvent> List<E> events(Class<E> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /**
     * Reads a gauge now, through the reading the store offered.
     *
     * @param gauge which level
     * @return the current reading, or empty if the store never offered that gauge
     */
    public synchronized OptionalLong read(StoreGauge gauge) {
        LongSupplier reading = gauges.get(gauge);
        return reading == null ? OptionalLong.empty() : OptionalLong.of(reading.getAsLong());
    }
}
