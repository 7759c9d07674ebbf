package dev.steadfast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportConfigurationException;
import dev.steadfast.spi.transport.TransportException;
import dev.steadfast.spi.transport.TransportProvider;
import dev.steadfast.spi.transport.TransportSpec;
import dev.steadfast.transport.InprocNetwork;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SteadfastTransportTest {

    @Test
    void aTransportUriOpensTheTransportOfItsSchemeBesideTheStoreAndClosesWithIt() {
        Transport transport;
        try (Steadfast steadfast = Steadfast.builder().transport("inproc:builder-test").open("memory:");
             Steadfast peer = Steadfast.builder().transport("inproc:builder-test").open("memory:")) {
            transport = steadfast.transport().orElseThrow();
            transport.listen("a", Handshake.of("c", "a", 0), (from, m) -> new Message.Ack(0, 0));
            Transport other = peer.transport().orElseThrow();
            assertEquals(new Message.Ack(0, 0), other.connect("a", Handshake.of("c", "b", 0), Duration.ofSeconds(1))
                    .request(new RoleCommand.Status(), Duration.ofSeconds(1)), "both share the named network");
        }
        assertThrows(TransportException.class, () -> transport.connect("a", Handshake.of("c", "b", 0),
                Duration.ofSeconds(1)), "closed with Steadfast");
    }

    @Test
    void withoutATransportUriThereIsNone() {
        try (Steadfast steadfast = Steadfast.open("memory:")) {
            assertTrue(steadfast.transport().isEmpty());
        }
    }

    @Test
    void anUnknownTransportSchemeFailsTheOpenNamingTheArtifactToAdd() {
        TransportConfigurationException e = assertThrows(TransportConfigurationException.class,
                () -> Steadfast.builder().transport("tcp://127.0.0.1:7000").open("memory:"));
        assertTrue(e.getMessage().contains("add the dependency dev.steadfast:steadfast-transport-tcp"),
                e.getMessage());
    }

    @Test
    void theModuleBindsTheTransportOnlyWhenOneIsConfigured() {
        Injector with = Guice.createInjector(new SteadfastModule("memory:").withTransport("inproc:module-test"));
        try (Steadfast steadfast = with.getInstance(Steadfast.class)) {
            assertSame(steadfast.transport().orElseThrow(), with.getInstance(Transport.class));
        }
        Injector without = Guice.createInjector(new SteadfastModule("memory:"));
        assertNull(without.getExistingBinding(Key.get(Transport.class)));
        without.getInstance(Steadfast.class).close();
    }

    @Test
    void theTransportIsOpenedWithTheBuildersClockForItsTimers() {
        ManualClock clock = new ManualClock();
        Clock[] given = new Clock[1];
        TransportProvider provider = new TransportProvider() {
            @Override
            public String scheme() {
                return "timed";
            }

            @Override
            public Transport open(TransportSpec spec) {
                throw new AssertionError("opened without the clock");
            }

            @Override
            public Transport open(TransportSpec spec, Clock clock) {
                given[0] = clock;
                return InprocNetwork.create(clock, 1).transport();
            }
        };
        try (Steadfast steadfast = Steadfast.builder().clock(clock).transportProvider(provider).transport("timed:x")
                .open("memory:")) {
            assertSame(clock, given[0]);
        }
    }
}
