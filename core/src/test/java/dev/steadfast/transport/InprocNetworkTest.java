package dev.steadfast.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.transport.Connection;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.HandshakeRefusedException;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InprocNetworkTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private final ManualClock clock = new ManualClock();
    private final List<Long> delivered = new ArrayList<>();

    private Connection link(InprocNetwork network) {
        Transport transport = network.transport();
        transport.listen("n2", Handshake.of("lab", "n2", 1), (from, m) -> {
            delivered.add(((Message.Frame) m).lsn());
            return new Message.Ack(1, ((Message.Frame) m).lsn());
        });
        return transport.connect("n2", Handshake.of("lab", "n1", 1), TIMEOUT);
    }

    private static Message frame(long lsn) {
        return new Message.Frame(1, lsn, new byte[0]);
    }

    @Test
    void aPeerOfAnotherClusterIsRefusedAtTheHandshakeAndTheListenerKeepsServing() {
        InprocNetwork network = InprocNetwork.create(clock, 1);
        Connection good = link(network);
        HandshakeRefusedException e = assertThrows(HandshakeRefusedException.class,
                () -> network.transport().connect("n2", Handshake.of("other", "n9", 1), TIMEOUT));
        assertTrue(e.getMessage().contains("node 'n9' belongs to cluster 'other', this node to cluster 'lab'"),
                e.getMessage());
        assertEquals(new Message.Ack(1, 1), good.request(frame(1), TIMEOUT));
    }

    @Test
    void aPartitionTimesRequestsOutOnTheClockUntilHealed() {
        InprocNetwork network = InprocNetwork.create(clock, 1);
        Connection link = link(network);
        network.partition("n1", "n2");
        assertThrows(TransportTimeoutException.class, () -> link.request(frame(1), TIMEOUT));
        assertEquals(200, clock.millis(), "the timeout is waited out on the manual clock");
        assertEquals(List.of(), delivered);
        network.heal();
        assertEquals(new Message.Ack(1, 2), link.request(frame(2), TIMEOUT));
    }

    @Test
    void aHeldBackRequestArrivesAfterTheNextOne() {
        InprocNetwork network = InprocNetwork.create(clock, 1).faults(Faults.onFrames(0, 0, 0, 1));
        Connection link = link(network);
        assertThrows(TransportTimeoutException.class, () -> link.request(frame(1), TIMEOUT));
        network.faults(Faults.NONE);
        link.request(frame(2), TIMEOUT);
        assertEquals(List.of(2L, 1L), delivered);
    }

    @Test
    void aDuplicatedRequestIsHandledTwice() {
        InprocNetwork network = InprocNetwork.create(clock, 1).faults(Faults.onFrames(0, 0, 1, 0));
        link(network).request(frame(7), TIMEOUT);
        assertEquals(List.of(7L, 7L), delivered);
    }

    @Test
    void aLostReplyMeansTheRequestWasHandledButTheSenderTimesOut() {
        InprocNetwork network = InprocNetwork.create(clock, 1).faults(Faults.onFrames(0, 1, 0, 0));
        assertThrows(TransportTimeoutException.class, () -> link(network).request(frame(3), TIMEOUT));
        assertEquals(List.of(3L), delivered);
    }

    @Test
    void aDelayIsWaitedOnTheClockAndADelayPastTheTimeoutArrivesLate() {
        InprocNetwork network = InprocNetwork.create(clock, 1)
                .faults(Faults.onFrames(0, 0, 0, 0).withDelay(Duration.ofMillis(50)));
        Connection link = link(network);
        assertEquals(new Message.Ack(1, 1), link.request(frame(1), TIMEOUT));
        assertEquals(50, clock.millis());

        network.faults(Faults.onFrames(0, 0, 0, 0).withDelay(Duration.ofMillis(300)));
        assertThrows(TransportTimeoutException.class, () -> link.request(frame(2), TIMEOUT));
        assertEquals(List.of(1L), delivered, "not delivered within the timeout");
        network.faults(Faults.NONE);
        link.request(frame(3), TIMEOUT);
        assertEquals(List.of(1L, 3L, 2L), delivered, "the late frame arrives after the next one");
    }

    @Test
    void theSameSeedDropsTheSameRequests() {
        assertEquals(dropsWithSeed(42), dropsWithSeed(42));
    }

    private List<Long> dropsWithSeed(long seed) {
        delivered.clear();
        InprocNetwork network = InprocNetwork.create(new ManualClock(), seed).faults(Faults.onFrames(0.5, 0, 0, 0));
        Connection link = link(network);
        for (long lsn = 1; lsn <= 20; lsn++) {
            try {
                link.request(frame(lsn), TIMEOUT);
            } catch (TransportTimeoutException e) {
                // dropped: the point of the test
            }
        }
        assertTrue(delivered.size() > 0 && delivered.size() < 20, "some but not all delivered: " + delivered);
        return List.copyOf(delivered);
    }
}
