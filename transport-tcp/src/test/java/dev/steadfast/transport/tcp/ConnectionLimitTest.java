package dev.steadfast.transport.tcp;

import static dev.steadfast.transport.tcp.TcpTransportTest.CLIENT;
import static dev.steadfast.transport.tcp.TcpTransportTest.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.transport.Endpoint;
import dev.steadfast.spi.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A listening node serves at most {@code maxConnections} at once: one past it is closed at once and counted. */
class ConnectionLimitTest {
    // a handshake timeout far beyond the test's bounds: only the limit can close a silent peer here
    private final Transport transport = TcpTransportTest.open(
            "tcp://127.0.0.1:0?maxConnections=2&handshakeTimeoutMillis=600000");

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void aConnectionPastTheLimitIsClosedUnservedAndTheOthersAreStillServed() throws Exception {
        Endpoint server = transport.listen("127.0.0.1:0", SERVER, (from, m) -> m);
        // accepted in the order they connect, by one thread: the third is accepted after the first two
        try (RawPeer first = new RawPeer(server); RawPeer second = new RawPeer(server);
                RawPeer third = new RawPeer(server)) {
            assertTrue(third.awaitHangUp(), "the connection past the limit is still open");
            assertEquals(1, ((TcpEndpoint) server).refusedOverLimit());
            new Wire(1 << 20).writeHello(first.out(), CLIENT);
            new Wire(1 << 20).writeHello(second.out(), CLIENT);
            assertTrue(first.awaitAnswer() && second.awaitAnswer(), "a connection within the limit went unserved");
            assertEquals(1, first.hungUp.getCount() * second.hungUp.getCount(),
                    "the node hung up on one of the first two");
        }
    }
}
