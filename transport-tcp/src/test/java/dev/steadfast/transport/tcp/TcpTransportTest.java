package dev.steadfast.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.transport.Connection;
import dev.steadfast.spi.transport.Endpoint;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.HandshakeRefusedException;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportSpec;
import dev.steadfast.spi.transport.TransportTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpTransportTest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Handshake SERVER = Handshake.of("lab", "server", 1);
    static final Handshake CLIENT = Handshake.of("lab", "client", 1);

    private final Transport transport = open("tcp://127.0.0.1:0?backoffMillis=0");

    static Transport open(String uri) {
        return new TcpTransportProvider().open(TransportSpec.parse(uri));
    }

    @AfterEach
    void close() {
        transport.close();
    }

    private Endpoint echo() {
        return transport.listen("127.0.0.1:0", SERVER, (from, m) -> m);
    }

    @Test
    void everyKindOfMessageCrossesTheWireUnchanged() {
        Endpoint server = echo();
        Connection link = transport.connect(server.address(), CLIENT, TIMEOUT);
        List<Message> all = List.of(new Message.Frame(3, 7, new byte[] {1, 2, 3}), new Message.Ack(3, 7),
                new Message.Refusal(4, Message.Reason.STALE_TERM, "term 3 < 4"), new RoleCommand.Freeze(3),
                new RoleCommand.Resume(3), new RoleCommand.Status(), new RoleCommand.CatchUp("n2"),
                new RoleCommand.Promote(4), new RoleCommand.Demote(4, "n2", 91));
        for (Message m : all) {
            assertEquals(m, link.request(m, TIMEOUT));
        }
        assertEquals(SERVER, link.peer());
    }

    @Test
    void aPeerOfAnotherClusterIsRefusedWithTheReasonAndTheNodeKeepsServing() {
        Endpoint server = echo();
        HandshakeRefusedException e = assertThrows(HandshakeRefusedException.class,
                () -> transport.connect(server.address(), Handshake.of("elsewhere", "x", 1), TIMEOUT));
        assertTrue(e.getMessage().contains("node 'x' belongs to cluster 'elsewhere', this node to cluster 'lab'"),
                e.getMessage());
        HandshakeRefusedException version = assertThrows(HandshakeRefusedException.class,
                () -> transport.connect(server.address(), new Handshake(9, "lab", "y", 1), TIMEOUT));
        assertTrue(version.getMessage().contains("speaks protocol version 9, this node speaks 1"),
                version.getMessage());
        assertEquals(new Message.Ack(1, 1), transport.connect(server.address(), CLIENT, TIMEOUT)
                .request(new Message.Ack(1, 1), TIMEOUT));
    }

    @Test
    void aRequestWithoutReplyInTimeTimesOutAndTheNextOneReconnects() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Endpoint server = transport.listen("127.0.0.1:0", SERVER, (from, m) -> {
            if (m instanceof RoleCommand.Freeze) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Message.Ack(1, 5);
        });
        Connection link = transport.connect(server.address(), CLIENT, TIMEOUT);
        assertThrows(TransportTimeoutException.class,
                () -> link.request(new RoleCommand.Freeze(1), Duration.ofMillis(200)));
        release.countDown();
        assertEquals(new Message.Ack(1, 5), link.request(new RoleCommand.Status(), TIMEOUT),
                "a fresh socket: the late reply to the freeze is never read as this one's");
    }

    @Test
    void aLinkToARestartedNodeReconnects() {
        Endpoint first = echo();
        String address = first.address();
        Connection link = transport.connect(address, CLIENT, TIMEOUT);
        link.request(new RoleCommand.Status(), TIMEOUT);
        first.close();
        assertThrows(RuntimeException.class, () -> link.request(new RoleCommand.Status(), TIMEOUT));

        transport.listen(address, SERVER, (from, m) -> new Message.Ack(2, 9));
        assertEquals(new Message.Ack(2, 9), link.request(new RoleCommand.Status(), TIMEOUT));
    }
}
