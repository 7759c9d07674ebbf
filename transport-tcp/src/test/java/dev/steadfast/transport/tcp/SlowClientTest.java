package dev.steadfast.transport.tcp;

import static dev.steadfast.transport.tcp.TcpTransportTest.CLIENT;
import static dev.steadfast.transport.tcp.TcpTransportTest.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.transport.Endpoint;
import dev.steadfast.spi.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a connecting peer can make a listening node hold: a handshake is bounded as a whole, however slowly its
 * bytes come, and a connection that sends no request is closed after the idle timeout. The peer is a raw socket; it paces its bytes by waiting on the latch that reports the node's close,
 * so it stops as soon as the node has hung up.
 */
class SlowClientTest {
    private static final long BOUND_SECONDS = 20;
    private static final long PACE_MILLIS = 100;

    private final Transport transport = TcpTransportTest.open(
            "tcp://127.0.0.1:0?handshakeTimeoutMillis=300&idleTimeoutMillis=300");
    private final CountDownLatch answered = new CountDownLatch(1);
    private final CountDownLatch hungUp = new CountDownLatch(1);

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
        try (Socket peer = connect(server)) {
            OutputStream out = peer.getOutputStream();
            int sent = 0;
            try {
                // each byte well inside the 300 ms a single read may wait
                while (sent < bytes.length && !hungUp.await(PACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    out.write(bytes[sent++]);
                    out.flush();
                }
            } catch (IOException e) {
                // the node reset the connection under a write: it hung up
            }
            assertTrue(hungUp.await(BOUND_SECONDS, TimeUnit.SECONDS), "the node still holds the handshake");
            assertTrue(sent < bytes.length, "the whole hello went through before the node hung up");
        }
    }

    @Test
    void aConnectionWithoutRequestsIsClosedAfterTheIdleTimeoutAndProbedByKeepalive() throws Exception {
        Endpoint server = transport.listen("127.0.0.1:0", SERVER, (from, m) -> m);
        try (Socket peer = connect(server)) {
            new Wire(1 << 20).writeHello(peer.getOutputStream(), CLIENT);
            // the reader takes the node's hello, then waits for its close: a half-open client, as the node sees it
            assertTrue(answered.await(BOUND_SECONDS, TimeUnit.SECONDS), "no hello from the node");
            List<Socket> served = ((TcpEndpoint) server).connections();
            assertEquals(1, served.size());
            assertTrue(served.get(0).getKeepAlive(), "SO_KEEPALIVE on the accepted socket");
            assertTrue(hungUp.await(BOUND_SECONDS, TimeUnit.SECONDS), "the node still holds an idle connection");
        }
    }

    /** Connects a raw socket; {@link #answered} counts down at the node's first byte, {@link #hungUp} at its close. */
    private Socket connect(Endpoint server) throws IOException {
        Socket peer = new Socket();
        peer.connect(TcpAddress.parse(server.address()).socketAddress(), 5_000);
        Thread reader = new Thread(() -> {
            try (InputStream in = peer.getInputStream()) {
                while (in.read() >= 0) {
                    answered.countDown(); // the node's hello: only that it came, and the end, matter
                }
            } catch (IOException e) {
                // reset or closed: hung up either way
            }
            hungUp.countDown();
        }, "slow-client-reader");
        reader.setDaemon(true);
        reader.start();
        return peer;
    }
}
