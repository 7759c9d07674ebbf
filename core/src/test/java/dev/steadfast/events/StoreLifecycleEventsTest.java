package dev.steadfast.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreEvent;
import dev.steadfast.spi.StoreGauge;
import dev.steadfast.spi.StoreMonitor;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.tck.ForwardingStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A store's lifecycle as a listener sees it: opened with its readings, what its backend reports, closed once. */
class StoreLifecycleEventsTest {

    @Test
    void aListenerHearsTheStoreOpenedWithItsFormatAndGaugesThenBackendEventsThenClosedOnce() {
        AtomicReference<StoreMonitor> monitor = new AtomicReference<>();
        RecordingListener listener = new RecordingListener();
        Steadfast steadfast = Steadfast.builder().listener(listener).wrap(reporting(monitor));
        monitor.get().onEvent(new StoreEvent.SegmentRolled(4096));
        steadfast.close();
        steadfast.close();

        List<SteadfastEvent> events = listener.of(SteadfastEvent.class);
        SteadfastEvent.StoreOpened opened = assertInstanceOf(SteadfastEvent.StoreOpened.class, events.get(0));
        assertEquals("memory", opened.scheme());
        assertEquals(3, opened.formatVersion());
        assertEquals(0, opened.queuedBatches().getAsInt());
        assertEquals(Set.of(StoreGauge.WAL_BYTES), opened.gauges().keySet());
        assertEquals(42L, opened.gauges().get(StoreGauge.WAL_BYTES).getAsLong());
        assertEquals(new SteadfastEvent.BackendReported(new StoreEvent.SegmentRolled(4096)), events.get(1));
        assertEquals(List.of(new SteadfastEvent.StoreClosed("memory", opened.location())),
                listener.of(SteadfastEvent.StoreClosed.class));
        assertInstanceOf(SteadfastEvent.StoreClosed.class, events.get(events.size() - 1));
    }

    @Test
    void withoutAListenerTheBackendIsNotAskedToReport() {
        AtomicReference<StoreMonitor> monitor = new AtomicReference<>();
        try (Steadfast steadfast = Steadfast.builder().wrap(reporting(monitor))) {
            assertFalse(steadfast.descriptor().durable());
        }
        assertNull(monitor.get());
    }

    @Test
    void aBackendWhoseMonitorFailsStillOpensWithoutGauges() {
        RecordingListener listener = new RecordingListener();
        Store failing = new ForwardingStore(Steadfast.open("memory:").store()) {
            @Override
            public void monitor(StoreMonitor m) {
                m.gauge(StoreGauge.WAL_BYTES, () -> 1L);
                throw new IllegalStateException("monitor broke");
            }
        };
        try (Steadfast steadfast = Steadfast.builder().listener(listener).wrap(failing)) {
            assertTrue(steadfast.store().apply(WriteBatch.of(new WriteOp.PutRecord("ns", RecordKey.of("k"),
                    new byte[] {1}))).isCommitted());
        }
        assertEquals(Map.of(), listener.of(SteadfastEvent.StoreOpened.class).get(0).gauges());
    }

    /** A memory store declaring format version 3 that offers a WAL gauge and keeps the monitor it is given. */
    private static Store reporting(AtomicReference<StoreMonitor> monitor) {
        return new ForwardingStore(Steadfast.open("memory:").store()) {
            @Override
            public StoreDescriptor descriptor() {
                return super.descriptor().withFormatVersion(3);
            }

            @Override
            public void monitor(StoreMonitor m) {
                monitor.set(m);
                m.gauge(StoreGauge.WAL_BYTES, () -> 42L);
            }
        };
    }
}
