package dev.steadfast.transport.tcp;

import static dev.steadfast.transport.tcp.TcpTransportTest.CLIENT;
import static dev.steadfast.transport.tcp.TcpTransportTest.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.transport.Endpoint;
import dev.steadfast.spi.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a connecting peer can make a listening node hold: a handshake is bounded as a whole, however slowly its
 * bytes come, and a connection that sends no request is closed after the idle timeout. The peer paces its bytes by
 * waiting on the latch that reports the node's close, so it stops as soon as the node has hung up.
 */
class SlowClientTest {
    private static final long PACE_MILLIS = 100;

    private final Transport transport = TcpTransportTest.open(
            "tcp://127.0.0.1:0?handshakeTimeoutMillis=300&idleTimeoutMillis=300");

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void aHelloTrickledAByteAtATimeIsCutOffWhenTheHandshakeTimeoutHasPassed() throws Exception {
        Endpoint server = transport.listen("127.0.0.1:0", SERVER, (from, m) -> m);
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        new Wire(1 << 20).writeHello(hello, CLIENT);
        byte[] bytes = hello.toByteArray(); // ~30 bytes: about 3 s at the pace, ten times the handshake timeout
        try (RawPeer peer = new RawPeer(server)) {
            OutputStream out = peer.out();
            int sent = 0;
            try {
                // each byte well inside the 300 ms a single read may wait
                while (sent < bytes.length && !peer.hungUp.await(PACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    out.write(bytes[sent++]);
                    out.flush();
                }
            } catch (IOException e) {
                // the node reset the connection under a write: it hung up
            }
            assertTrue(peer.awaitHangUp(), "the node still holds the handshake");
            assertTrue(sent < bytes.length, "the whole hello went through before the node hung up");
        }
    }

    @Test
    void aConnectionWithoutRequestsIsClosedAfterTheIdleTimeoutAndProbedByKeepalive() throws Exception {
        Endpoint server = transport.listen("127.0.0.1:0", SERVER, (from, m) -> m);
        try (RawPeer peer = new RawPeer(server)) {
            new Wire(1 << 20).writeHello(peer.out(), CLIENT);
            // the node's hello, then nothing more from this peer: a half-open client, as the node sees it
            assertTrue(peer.awaitAnswer(), "no hello from the node");
            List<Socket> served = ((TcpEndpoint) server).connections();
            assertEquals(1, served.size());
            assertTrue(served.get(0).getKeepAlive(), "SO_KEEPALIVE on the accepted socket");
            assertTrue(peer.awaitHangUp(), "the node still holds an idle connection");
        }
    }
}
