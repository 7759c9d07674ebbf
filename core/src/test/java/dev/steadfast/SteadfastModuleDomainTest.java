package dev.steadfast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import dev.steadfast.channel.Channel;
import dev.steadfast.channel.ChannelOptions;
import dev.steadfast.channel.ChannelPersistence;
import dev.steadfast.channel.ChannelStep;
import dev.steadfast.channel.Channels;
import dev.steadfast.channel.Message;
import dev.steadfast.channel.StepResult;
import dev.steadfast.fence.Claim;
import dev.steadfast.fence.FenceTokens;
import dev.steadfast.fence.Fences;
import dev.steadfast.fence.Lease;
import dev.steadfast.fence.Leases;
import dev.steadfast.fence.OwnershipFence;
import dev.steadfast.pipeline.CheckpointLog;
import dev.steadfast.pipeline.Pipelines;
import dev.steadfast.pipeline.Watermark;
import dev.steadfast.session.AppendResult;
import dev.steadfast.session.CounterSession;
import dev.steadfast.session.DurableSession;
import dev.steadfast.session.PersistenceProfile;
import dev.steadfast.session.SessionOptions;
import dev.steadfast.session.Sessions;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteadfastModuleDomainTest {

    @Test
    void domainServicesAreSingletonsOnTheBoundStoreAndClock() {
        ManualClock clock = new ManualClock(1_000);
        Injector injector = Guice.createInjector(Modules.override(new SteadfastModule("memory:"))
                .with(b -> b.bind(Clock.class).toInstance(clock)));
        try (Steadfast steadfast = injector.getInstance(Steadfast.class)) {
            assertSame(injector.getInstance(Fences.class), injector.getInstance(Fences.class));
            Leases leases = injector.getInstance(Leases.class);
            assertSame(clock, leases.clock());

            Lease a = leases.acquire("orders", "a", Duration.ofSeconds(10)).orElseThrow();
            assertFalse(leases.acquire("orders", "b", Duration.ofSeconds(10)).isGranted());
            clock.advanceMillis(10_000);
            Lease b = leases.acquire("orders", "b", Duration.ofSeconds(10)).orElseThrow();
            assertEquals(a.epoch() + 1, b.epoch());
            assertEquals(2, steadfast.store().readFence("orders").orElseThrow().epoch());
        }
    }

    @Test
    void sessionsFromTheInjectorAreFencedByTheStore() {
        Injector injector = Guice.createInjector(new SteadfastModule("memory:"));
        try (Steadfast ignored = injector.getInstance(Steadfast.class)) {
            Sessions sessions = injector.getInstance(Sessions.class);
            var counters = sessions.counters(SessionOptions.of(new PersistenceProfile.SnapshotJournal(10, false)));
            DurableSession<Long, Long> first = counters.start("chat-1", "node-a", "eu").orElseThrow();
            CounterSession.appendCounterDelta(first, 5);

            DurableSession<Long, Long> second = counters.takeOver("chat-1", "node-b").orElseThrow();
            assertEquals(5L, second.state());
            assertInstanceOf(AppendResult.Refused.class, CounterSession.appendCounterDelta(first, 1));
            assertEquals(5L, second.state());
        }
    }

    @Test
    void pipelinesFromTheInjectorFenceOutTheInstanceTheyReplace() {
        Injector injector = Guice.createInjector(new SteadfastModule("memory:"));
        try (Steadfast ignored = injector.getInstance(Steadfast.class)) {
            Pipelines pipelines = injector.getInstance(Pipelines.class);
            CheckpointLog first = pipelines.claim("nightly", "node-a").orElseThrow();
            assertEquals("recorded", first.record("parse", 1, new Watermark(1, 1), "p1").label());
            CheckpointLog second = pipelines.claim("nightly", "node-b").orElseThrow();
            assertEquals("fenced", first.record("parse", 2, new Watermark(2, 2), "p2").label());
            assertEquals("recorded", second.record("parse", 2, new Watermark(2, 2), "p2").label());
        }
    }

    @Test
    void aKeyedTokenSchemeCanBeBoundInPlaceOfTheDefault() {
        FenceTokens keyed = FenceTokens.hmac("a secret of at least 16 bytes".getBytes(StandardCharsets.UTF_8));
        Injector injector = Guice.createInjector(Modules.override(new SteadfastModule("memory:"))
                .with(b -> b.bind(FenceTokens.class).toInstance(keyed)));
        try (Steadfast ignored = injector.getInstance(Steadfast.class)) {
            Fences fences = injector.getInstance(Fences.class);
            Claim<OwnershipFence> forged = fences.requestTakeover("f", "mallory", 1,
                    FenceTokens.unkeyed().tokenFor("f", "mallory", 1));
            assertFalse(forged.isGranted());
            assertEquals(keyed.tokenFor("f", "alice", 1),
                    fences.requestTakeover("f", "alice", 1, keyed.tokenFor("f", "alice", 1))
                            .map(OwnershipFence::token).orElseThrow());
        }
    }

    @Test
    void channelsFromTheInjectorAreOneSingletonOnTheBoundStoreFencedByIt() {
        ManualClock clock = new ManualClock(5);
        Injector injector = Guice.createInjector(Modules.override(new SteadfastModule("memory:"))
                .with(b -> b.bind(Clock.class).toInstance(clock)));
        try (Steadfast steadfast = injector.getInstance(Steadfast.class);
             Channels channels = injector.getInstance(Channels.class)) {
            assertSame(channels, injector.getInstance(ChannelPersistence.class));
            assertEquals(ChannelOptions.defaults(), channels.options());
            Channel first = channels.open("chat", "node-a").orElseThrow();
            first.apply(new ChannelStep.Send(Message.of("m1", "alice", 1, List.of(), "hi"), clock.millis()));
            assertEquals(List.of("channel/chat"), steadfast.store().listNamespaces("channel/"),
                    "the step is in the bound store");

            Channel second = channels.open("chat", "node-b").orElseThrow();
            assertInstanceOf(StepResult.Refused.class,
                    first.apply(new ChannelStep.Acknowledge(java.util.Set.of("m1"))));
            assertEquals(List.of("m1"), second.state().historyIds());
        }
    }

    @Test
    void channelOptionsCanBeBoundInPlaceOfTheDefaults() {
        Injector injector = Guice.createInjector(Modules.override(new SteadfastModule("memory:"))
                .with(b -> b.bind(ChannelOptions.class).toInstance(new ChannelOptions(2))));
        try (Steadfast ignored = injector.getInstance(Steadfast.class);
             ChannelPersistence channels = injector.getInstance(ChannelPersistence.class)) {
            Channel c = channels.open("capped", "node").orElseThrow();
            for (int i = 1; i <= 3; i++) {
                c.apply(new ChannelStep.Deliver(Message.of("m" + i, "bob", i, List.of(), "x")));
            }
            assertEquals(List.of("m2", "m3"), c.state().historyIds());
        }
    }
}
