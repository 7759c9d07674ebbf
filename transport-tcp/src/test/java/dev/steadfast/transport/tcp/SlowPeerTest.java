package dev.steadfast.transport.tcp;

import static dev.steadfast.transport.tcp.TcpTransportTest.CLIENT;
import static dev.steadfast.transport.tcp.TcpTransportTest.SERVER;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.steadfast.spi.transport.Connection;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportTimeoutException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request's timeout bounds the whole request, whatever the peer does: a peer that answers a byte at a time, each
 * byte inside the timeout, or one that stops reading, fails the request with a timeout once it has passed. The peer
 * here is a raw socket that speaks the wire format; it has to be slow in real time, which a clock cannot fake.
 */
class SlowPeerTest {
    private static final Duration SHORT = Duration.ofMillis(500);
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final long TRICKLE_MILLIS = 100;

    private final Transport transport = TcpTransportTest.open("tcp://127.0.0.1:0?backoffMillis=0");
    private final ServerSocket peer;
    private volatile Socket accepted;

    SlowPeerTest() throws IOException {
        peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        // the peer's side first: a request still blocked on it then fails, and the transport can close
        peer.close();
        if (accepted != null) {
            accepted.close();
        }
        transport.close();
    }

    @Test
    void aReplyTrickledAByteAtATimeFailsTheRequestWhenItsTimeoutHasPassed() {
        serve(true, (in, out) -> {
            new Wire(1 << 20).readMessage(in);
            trickle(out, bytes(new Message.Ack(1, 42)));
        });
        Connection link = transport.connect(address(), CLIENT, BOUND);
        assertTimeoutPreemptively(BOUND, () -> assertThrows(TransportTimeoutException.class,
                () -> link.request(new RoleCommand.Status(), SHORT)));
    }

    @Test
    void aHelloTrickledAByteAtATimeFailsTheConnectWhenItsTimeoutHasPassed() {
        serve(false, (in, out) -> {
            new Wire(1 << 20).readHello(in);
            ByteArrayOutputStream hello = new ByteArrayOutputStream();
            new Wire(1 << 20).writeHello(hello, SERVER);
            trickle(out, hello.toByteArray());
        });
        assertTimeoutPreemptively(BOUND, () -> assertThrows(TransportTimeoutException.class,
                () -> transport.connect(address(), CLIENT, SHORT)));
    }

    @Test
    void aPeerThatStopsReadingFailsALargeRequestWhenItsTimeoutHasPassed() {
        serve(true, (in, out) -> {
            // reads nothing more: the request's bytes fill the socket buffers and the sender's write blocks
        });
        Connection link = transport.connect(address(), CLIENT, BOUND);
        Message big = new Message.Frame(1, 1, new byte[15 << 20]);
        assertTimeoutPreemptively(BOUND, () -> assertThrows(TransportTimeoutException.class,
                () -> link.request(big, SHORT)));
    }

    private interface Script {
        void run(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    /** Accepts one connection on a thread; answers the hello first if {@code hello}, then runs {@code script}. */
    private void serve(boolean hello, Script script) {
        Thread thread = new Thread(() -> {
            try {
                Socket s = peer.accept();
                accepted = s;
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                if (hello) {
                    new Wire(1 << 20).readHello(in);
                    new Wire(1 << 20).writeHello(out, SERVER);
                }
                script.run(in, out);
            } catch (IOException | InterruptedException e) {
                // the client gave up and closed: expected
            }
        }, "slow-peer");
        thread.setDaemon(true);
        thread.start();
    }

    private static void trickle(OutputStream out, byte[] bytes) throws IOException, InterruptedException {
        for (byte b : bytes) {
            Thread.sleep(TRICKLE_MILLIS);
            out.write(b);
            out.flush();
        }
    }

    private static byte[] bytes(Message m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Wire(1 << 20).writeMessage(bytes, m);
        return bytes.toByteArray();
    }

    private String address() {
        return "127.0.0.1:" + peer.getLocalPort();
    }
}
