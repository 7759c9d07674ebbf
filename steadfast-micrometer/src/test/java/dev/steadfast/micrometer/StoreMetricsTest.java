package dev.steadfast.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.fence.FenceTokens;
import dev.steadfast.fence.Lease;
import dev.steadfast.fence.Leases;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreEvent;
import dev.steadfast.spi.StoreGauge;
import dev.steadfast.spi.StoreMonitor;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** The gauges of an open store, the lease hand-over timer, and how backend events map to meters. */
class StoreMetricsTest {
    private static final FenceTokens TOKENS = SteadfastMetricsTest.TOKENS;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void queueDepthGaugeShowsTheBatchesWaitingBehindACommitInFlight() throws Exception {
        CountDownLatch inCommit = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Store held = new ForwardingStore(Steadfast.open("memory:").store()) {
            @Override
            public List<WriteResult> applyAll(List<WriteBatch> batches) {
                hold();
                return super.applyAll(batches);
            }

            @Override
            public WriteResult apply(WriteBatch batch) {
                hold();
                return super.apply(batch);
            }

            private void hold() {
                if (inCommit.getCount() > 0) {
                    inCommit.countDown();
                    await(release);
                }
            }
        };
        try (Steadfast steadfast = Steadfast.builder().listener(new SteadfastMetrics(registry)).wrap(held)) {
            DoubleSupplier queue = () -> registry.get("steadfast.group.commit.queue").gauge().value();
            assertEquals(0.0, queue.getAsDouble());
            List<Thread> writers = List.of(writer(steadfast, "a"), writer(steadfast, "b"), writer(steadfast, "c"));
            writers.get(0).start();
            assertTrue(inCommit.await(30, TimeUnit.SECONDS), "the first write never reached the store");
            writers.get(1).start();
            writers.get(2).start();
            awaitValue(queue, 2.0);
            release.countDown();
            for (Thread t : writers) {
                t.join(30_000);
                assertTrue(!t.isAlive(), t.getName() + " is still writing");
            }
            assertEquals(0.0, queue.getAsDouble());
        }
        assertTrue(registry.find("steadfast.group.commit.queue").gauges().isEmpty(),
                "a closed store's gauges are removed");
    }

    @Test
    void timeFromLeaseExpiryToTheNextGrantIsTimedOnTheServicesClock() {
        onMemoryStore((store, clock) -> {
            Leases leases = new Leases(store, clock, TOKENS);
            leases.acquire("job", "a", Duration.ofSeconds(10)).orElseThrow();
            clock.advanceMillis(10_000 + 2_500); // the lease ended at 11 000, b asks at 13 500
            Lease b = leases.acquire("job", "b", Duration.ofSeconds(10)).orElseThrow();
            leases.release(b).orElseThrow();
            clock.advanceMillis(700);
            leases.acquire("job", "c", Duration.ofSeconds(10)).orElseThrow(); // after a release: the other timer
        });
        var timer = registry.get("steadfast.lease.expiry.to.grant").timer();
        assertEquals(1, timer.count());
        assertEquals(2_500.0, timer.totalTime(TimeUnit.MILLISECONDS));
    }

    @Test
    void timeFromAReleaseToTheNextGrantIsTimedApartFromExpiries() {
        onMemoryStore((store, clock) -> {
            Leases leases = new Leases(store, clock, TOKENS);
            Lease a = leases.acquire("job", "a", Duration.ofSeconds(10)).orElseThrow();
            clock.advanceMillis(3_000);
            leases.release(a).orElseThrow();
            clock.advanceMillis(700); // the waiter asks 700 ms after the release
            Lease b = leases.acquire("job", "b", Duration.ofSeconds(10)).orElseThrow();
            leases.release(b).orElseThrow();
            leases.acquire("job", "c", Duration.ofSeconds(10)).orElseThrow(); // at once
            leases.acquire("other", "d", Duration.ofSeconds(10)).orElseThrow(); // a fresh fence: no handover
        });
        var released = registry.get("steadfast.lease.release.to.grant").timer();
        assertEquals(2, released.count());
        assertEquals(700.0, released.totalTime(TimeUnit.MILLISECONDS));
        assertEquals(700.0, released.max(TimeUnit.MILLISECONDS));
        assertEquals(0, registry.get("steadfast.lease.expiry.to.grant").timer().count());
    }

    @Test
    void aGrantAfterAReleaseByAnotherServiceIsNotTimed() {
        onMemoryStore((store, clock) -> {
            Leases releaser = new Leases(store, clock, TOKENS);
            Leases other = new Leases(store, clock, TOKENS);
            releaser.release(releaser.acquire("job", "a", Duration.ofSeconds(10)).orElseThrow()).orElseThrow();
            clock.advanceMillis(400);
            other.acquire("job", "b", Duration.ofSeconds(10)).orElseThrow();
        });
        assertEquals(0, registry.get("steadfast.lease.release.to.grant").timer().count(),
                "the release time is not stored, so another instance cannot know it");
        assertEquals(0, registry.get("steadfast.lease.expiry.to.grant").timer().count());
    }

    /** Runs {@code body} on a memory store whose events reach this test's registry, on a manual clock at 1 000. */
    private void onMemoryStore(BiConsumer<Store, ManualClock> body) {
        ManualClock clock = new ManualClock(1_000);
        try (Steadfast steadfast = Steadfast.builder().clock(clock).listener(new SteadfastMetrics(registry))
                .open("memory:")) {
            body.accept(steadfast.store(), clock);
        }
    }

    @Test
    void backendEventsAndLevelsMapToTheirMeters() {
        AtomicLong wal = new AtomicLong(4096);
        StoreMonitor[] monitor = new StoreMonitor[1];
        Store reporting = new ForwardingStore(Steadfast.open("memory:").store()) {
            @Override
            public void monitor(StoreMonitor m) {
                monitor[0] = m;
                m.gauge(StoreGauge.WAL_BYTES, wal::get);
                m.gauge(StoreGauge.POOL_ACTIVE, () -> 3);
                m.gauge(StoreGauge.POOL_IDLE, () -> 2);
                m.gauge(StoreGauge.POOL_PENDING, () -> 1);
                m.gauge(StoreGauge.POOL_MAX, () -> 10);
            }
        };
        try (Steadfast steadfast = Steadfast.builder().listener(new SteadfastMetrics(registry)).wrap(reporting)) {
            monitor[0].onEvent(new StoreEvent.LockWaited(7_000_000, StoreEvent.LockWaited.Scope.DATABASE));
            monitor[0].onEvent(new StoreEvent.LockWaited(3_000_000, StoreEvent.LockWaited.Scope.PROCESS));
            monitor[0].onEvent(new StoreEvent.Reconnected(2_000_000_000L));
            monitor[0].onEvent(new StoreEvent.SegmentRolled(1 << 20));
            monitor[0].onEvent(new StoreEvent.Compacted(10_000, 4_000, 5_000_000));
            monitor[0].onEvent(new StoreEvent.BytesWritten(300));
            monitor[0].onEvent(new StoreEvent.BytesWritten(200));
            assertEquals(4096.0, gauge("steadfast.store.wal.size"));
            wal.set(0);
            assertEquals(0.0, gauge("steadfast.store.wal.size"));
            assertEquals(3.0, gauge("steadfast.store.pool.connections.active"));
            assertEquals(2.0, gauge("steadfast.store.pool.connections.idle"));
            assertEquals(1.0, gauge("steadfast.store.pool.connections.pending"));
            assertEquals(10.0, gauge("steadfast.store.pool.connections.max"));
        }
        assertEquals(7.0, registry.get("steadfast.store.lock.waits").tag("lock", "database").timer()
                .totalTime(TimeUnit.MILLISECONDS));
        assertEquals(3.0, registry.get("steadfast.store.lock.waits").tag("lock", "process").timer()
                .totalTime(TimeUnit.MILLISECONDS));
        assertEquals(1, registry.get("steadfast.store.reconnects").timer().count());
        assertEquals(2.0, registry.get("steadfast.store.reconnects").timer().totalTime(TimeUnit.SECONDS));
        assertEquals(1.0, registry.get("steadfast.store.segment.rolls").counter().count());
        assertEquals(1, registry.get("steadfast.store.compactions").timer().count());
        assertEquals(6_000.0, registry.get("steadfast.store.compaction.reclaimed").summary().totalAmount());
        assertEquals(500.0, registry.get("steadfast.store.bytes.written").counter().count());
        assertTrue(registry.find("steadfast.store.wal.size").gauges().isEmpty(), "a closed store's gauges go");
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static Thread writer(Steadfast steadfast, String stream) {
        Thread t = new Thread(() -> steadfast.store().apply(WriteBatch.of(new WriteOp.Append(StreamId.of(stream), 0,
                List.of(new byte[] {1})))), "writer-" + stream);
        t.setDaemon(true);
        return t;
    }

    static void awaitValue(DoubleSupplier value, double expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (value.getAsDouble() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + expected + ", still " + value.getAsDouble());
            }
            LockSupport.parkNanos(1_000_000L); // polls a condition; no timing is asserted
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
