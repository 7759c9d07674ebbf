package dev.steadfast.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.steadfast.Steadfast;
import dev.steadfast.SteadfastModule;
import dev.steadfast.fence.Claim;
import dev.steadfast.fence.Fences;
import dev.steadfast.fence.FenceTokens;
import dev.steadfast.fence.Lease;
import dev.steadfast.fence.Leases;
import dev.steadfast.session.DurableSession;
import dev.steadfast.session.DurableSessions;
import dev.steadfast.session.PersistenceProfile;
import dev.steadfast.session.SessionOptions;
import dev.steadfast.session.Sessions;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DomainEventsTest {
    private static final String SOURCE = "dev.steadfast.testing.Backends#all";
    static final FenceTokens TOKENS = FenceTokens.hmac("observability-test-secret-0123456789".getBytes());

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void takeoversReportGrantedSplitBrainStaleOwnerAndInvalidToken(Backend backend, @TempDir Path dir) {
        RecordingListener listener = new RecordingListener();
        try (Steadfast steadfast = Steadfast.builder().listener(listener).wrap(backend.open(dir))) {
            Fences fences = new Fences(steadfast.store(), TOKENS);
            fences.claimNext("job", "a");
            fences.requestTakeover("job", "b", 1, fences.tokenFor("job", "b", 1));
            fences.claimNext("job", "b");
            fences.requestTakeover("job", "a", 1, fences.tokenFor("job", "a", 1));
            fences.requestTakeover("job", "c", 3, "forged");
        }
        assertEquals(List.of(TakeoverResult.GRANTED, TakeoverResult.SPLIT_BRAIN, TakeoverResult.GRANTED,
                TakeoverResult.STALE_OWNER, TakeoverResult.INVALID_TOKEN), listener.takeovers());
        SteadfastEvent.TakeoverJudged second = listener.of(SteadfastEvent.TakeoverJudged.class).get(2);
        assertEquals(new SteadfastEvent.TakeoverJudged("job", "b", 2, TakeoverResult.GRANTED), second);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aClaimOvertakenBetweenReadAndWriteReportsLostRace(Backend backend, @TempDir Path dir) {
        RecordingListener listener = new RecordingListener();
        Store raw = backend.open(dir);
        raw.apply(WriteBatch.of(new WriteOp.SetFence(
                new Fence("job", "a", 1, TOKENS.tokenFor("job", "a", 1), Long.MAX_VALUE), 0)));
        Store blind = new ForwardingStore(raw) {
            @Override
            public Optional<Fence> readFence(String name) {
                return Optional.empty(); // the claim of "a" landed after this contender looked
            }
        };
        try (Steadfast steadfast = Steadfast.builder().listener(listener).wrap(blind)) {
            Fences fences = new Fences(steadfast.store(), TOKENS);
            assertInstanceOf(Claim.Rejected.class, fences.requestTakeover("job", "b", 1,
                    fences.tokenFor("job", "b", 1)));
        }
        assertEquals(List.of(TakeoverResult.LOST_RACE), listener.takeovers());
        assertEquals(List.of(WriteOutcome.FENCED_OUT), listener.outcomes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void leasesReportGrantsHeldLeasesAndRenewalsGrantedOrRefused(Backend backend, @TempDir Path dir) {
        RecordingListener listener = new RecordingListener();
        ManualClock clock = new ManualClock(1_000);
        try (Steadfast steadfast = Steadfast.builder().clock(clock).listener(listener).wrap(backend.open(dir))) {
            Leases leases = new Leases(steadfast.store(), clock, TOKENS);
            Lease lease = leases.acquire("job", "a", Duration.ofSeconds(1)).orElseThrow();
            leases.acquire("job", "b", Duration.ofSeconds(1));
            Lease renewed = leases.renew(lease, Duration.ofSeconds(1)).orElseThrow();
            clock.advanceMillis(5_000);
            assertInstanceOf(Claim.Rejected.class, leases.renew(renewed, Duration.ofSeconds(1)));
        }
        assertEquals(List.of(TakeoverResult.GRANTED, TakeoverResult.LEASE_HELD), listener.takeovers());
        List<SteadfastEvent.LeaseRenewed> renewals = listener.of(SteadfastEvent.LeaseRenewed.class);
        assertEquals(2, renewals.size());
        assertEquals(List.of(true, false), renewals.stream().map(SteadfastEvent.LeaseRenewed::renewed).toList());
        assertEquals("a", renewals.get(0).owner());
        assertEquals(1, renewals.get(0).epoch());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aTakenOverSessionReportsTheEventsItReplayed(Backend backend, @TempDir Path dir) {
        RecordingListener listener = new RecordingListener();
        ManualClock clock = new ManualClock(1_000);
        try (Steadfast steadfast = Steadfast.builder().clock(clock).listener(listener).wrap(backend.open(dir))) {
            DurableSessions<Long, Long> sessions = new Sessions(steadfast.store(), clock, TOKENS)
                    .counters(SessionOptions.of(new PersistenceProfile.JournalOnly()));
            DurableSession<Long, Long> a = sessions.start("s1", "a", "route").orElseThrow();
            for (long i = 1; i <= 3; i++) {
                assertTrue(a.append(i).acknowledged());
            }
            listener.clear();
            sessions.takeOver("s1", "b").orElseThrow();
        }
        List<SteadfastEvent.SessionRecovered> recoveries = listener.of(SteadfastEvent.SessionRecovered.class);
        assertEquals(1, recoveries.size());
        SteadfastEvent.SessionRecovered r = recoveries.get(0);
        assertEquals("s1", r.session());
        assertEquals(0, r.snapshotSequence());
        assertEquals(3, r.eventsReplayed());
        assertEquals(4, r.entriesRead()); // the opening marker and three events
        assertEquals(0, r.estimatedLoss()); // journaled and rehydrated: nothing acknowledged is lost
        assertEquals(List.of(TakeoverResult.GRANTED), listener.takeovers());
    }

    @Test
    void aListenerGivenToTheGuiceModuleHearsTheBoundServices() {
        RecordingListener listener = new RecordingListener();
        Injector injector = Guice.createInjector(new SteadfastModule("memory:").withListener(listener));
        try (Steadfast steadfast = injector.getInstance(Steadfast.class)) {
            injector.getInstance(Fences.class).claimNext("job", "a");
        }
        assertEquals(List.of(TakeoverResult.GRANTED), listener.takeovers());
        assertEquals(List.of(WriteOutcome.COMMITTED), listener.outcomes());
    }

    @Test
    void aModuleOfAnOpenSteadfastRefusesAListenerAndNamesTheBuilder() {
        try (Steadfast open = Steadfast.open("memory:")) {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> new SteadfastModule(open).withListener(new RecordingListener()));
            assertEquals("this module binds an open Steadfast; give the listener to "
                    + "Steadfast.builder().listener(listener) instead", e.getMessage());
        }
    }
}
