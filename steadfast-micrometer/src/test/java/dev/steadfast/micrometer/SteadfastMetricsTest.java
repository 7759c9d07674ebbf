package dev.steadfast.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.fence.Claim;
import dev.steadfast.fence.FenceTokens;
import dev.steadfast.fence.Fences;
import dev.steadfast.fence.Lease;
import dev.steadfast.fence.Leases;
import dev.steadfast.session.DurableSession;
import dev.steadfast.session.DurableSessions;
import dev.steadfast.session.PersistenceProfile;
import dev.steadfast.session.SessionOptions;
import dev.steadfast.session.Sessions;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.tck.LogScan;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SteadfastMetricsTest {
    private static final StreamId STREAM = StreamId.of("orders");
    static final FenceTokens TOKENS = FenceTokens.hmac(("metrics-test-secret-" + LogScan.MARKER + "-0123456789abcdef")
            .getBytes(StandardCharsets.UTF_8));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void writesAreCountedByOutcomeAndGroupCommitsTimedAndSized(@TempDir Path dir) {
        try (Steadfast steadfast = open(dir)) {
            Store store = steadfast.store();
            assertTrue(store.apply(append(0)).isCommitted());
            assertTrue(store.apply(append(1)).isCommitted());
            assertInstanceOf(SequenceConflict.class, store.apply(append(0)));
            store.apply(new WriteBatch(List.of(new Guard.FenceAt("none", 4)), List.of(new WriteOp.Append(STREAM, 2,
                    List.of(new byte[] {9})))));
        }
        assertEquals(2, writes("committed"));
        assertEquals(1, writes("sequence_conflict"));
        assertEquals(1, writes("fenced_out"));
        assertEquals(0, writes("fault"));
        Timer commits = registry.get("steadfast.group.commit").tag("outcome", "success").timer();
        assertEquals(4, commits.count());
        assertTrue(commits.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
        assertEquals(4, registry.get("steadfast.group.commit.size").summary().count());
        assertEquals(4.0, registry.get("steadfast.group.commit.size").summary().totalAmount());
    }

    @Test
    void aStoreFaultCountsAFaultyWriteAndAFailedCommit() {
        Store failing = new ForwardingStore(Steadfast.open("memory:").store()) {
            @Override
            public WriteResult apply(WriteBatch batch) {
                throw new StoreIOException("disk gone");
            }
        };
        try (Steadfast steadfast = Steadfast.builder().listener(new SteadfastMetrics(registry)).wrap(failing)) {
            assertThrows(StoreIOException.class, () -> steadfast.store().apply(append(0)));
        }
        assertEquals(1, writes("fault"));
        assertEquals(1, registry.get("steadfast.group.commit").tag("outcome", "failure").timer().count());
        assertEquals(0, registry.get("steadfast.group.commit").tag("outcome", "success").timer().count());
    }

    @Test
    void takeoversAreCountedByResult(@TempDir Path dir) {
        try (Steadfast steadfast = open(dir)) {
            Fences fences = new Fences(steadfast.store(), TOKENS);
            fences.claimNext("job", "a");
            fences.requestTakeover("job", "b", 1, fences.tokenFor("job", "b", 1));
            fences.claimNext("job", "b");
            fences.requestTakeover("job", "a", 1, fences.tokenFor("job", "a", 1));
            fences.requestTakeover("job", "c", 3, "forged");
        }
        assertEquals(2, takeovers("granted"));
        assertEquals(1, takeovers("split_brain"));
        assertEquals(1, takeovers("stale_owner"));
        assertEquals(1, takeovers("invalid_token"));
        assertEquals(0, takeovers("lost_race"));
    }

    @Test
    void leaseRenewalsAreTimedByOutcome(@TempDir Path dir) {
        ManualClock clock = new ManualClock(1_000);
        try (Steadfast steadfast = Steadfast.builder().clock(clock).listener(new SteadfastMetrics(registry))
                .open("sqlite:" + dir.resolve("app.db"))) {
            Leases leases = new Leases(steadfast.store(), clock, TOKENS);
            Lease lease = leases.acquire("job", "a", Duration.ofSeconds(1)).orElseThrow();
            leases.acquire("job", "b", Duration.ofSeconds(1));
            Lease renewed = leases.renew(lease, Duration.ofSeconds(1)).orElseThrow();
            clock.advanceMillis(10_000);
            assertInstanceOf(Claim.Rejected.class, leases.renew(renewed, Duration.ofSeconds(1)));
        }
        assertEquals(1, registry.get("steadfast.lease.renewals").tag("outcome", "renewed").timer().count());
        assertEquals(1, registry.get("steadfast.lease.renewals").tag("outcome", "refused").timer().count());
        assertEquals(1, takeovers("lease_held"));
    }

    @Test
    void sessionRecoveriesAreTimedWithTheEventsTheyReplayed(@TempDir Path dir) {
        ManualClock clock = new ManualClock(1_000);
        try (Steadfast steadfast = Steadfast.builder().clock(clock).listener(new SteadfastMetrics(registry))
                .open("sqlite:" + dir.resolve("app.db"))) {
            DurableSessions<Long, Long> sessions = new Sessions(steadfast.store(), clock, TOKENS)
                    .counters(SessionOptions.of(new PersistenceProfile.JournalOnly()));
            DurableSession<Long, Long> a = sessions.start("s1", "a", "r").orElseThrow();
            for (long i = 1; i <= 5; i++) {
                assertTrue(a.append(i).acknowledged());
            }
            sessions.takeOver("s1", "b").orElseThrow();
        }
        assertEquals(2, registry.get("steadfast.session.recoveries").timer().count()); // the start, the takeover
        assertEquals(5.0, registry.get("steadfast.session.recovery.events").summary().totalAmount());
        assertEquals(5.0, registry.get("steadfast.session.recovery.events").summary().max());
        assertEquals(0.0, registry.get("steadfast.session.recovery.estimated.loss").summary().totalAmount());
    }

    @Test
    void commonTagsAreCarriedByEveryMeter() {
        try (Steadfast steadfast = Steadfast.builder()
                .listener(new SteadfastMetrics(registry, Tags.of("store", "orders"))).open("memory:")) {
            steadfast.store().apply(append(0));
        }
        assertEquals(1.0, registry.get("steadfast.store.writes").tags("store", "orders", "outcome", "committed")
                .counter().count());
        registry.getMeters().forEach(m -> assertEquals("orders", m.getId().getTag("store"), m.getId()::toString));
    }

    private Steadfast open(Path dir) {
        return Steadfast.builder().listener(new SteadfastMetrics(registry)).open("sqlite:" + dir.resolve("app.db"));
    }

    private double writes(String outcome) {
        return registry.get("steadfast.store.writes").tag("outcome", outcome).counter().count();
    }

    private double takeovers(String result) {
        return registry.get("steadfast.takeovers").tag("result", result).counter().count();
    }

    private static WriteBatch append(long expectedHead) {
        return WriteBatch.of(new WriteOp.Append(STREAM, expectedHead, List.of(new byte[] {1, 2})));
    }
}
