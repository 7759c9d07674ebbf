package dev.steadfast.transport.tcp;

import dev.steadfast.spi.transport.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A raw socket connected to a listening node, for tests of what the node does to peers that misbehave: a reader
 * thread counts {@link #answered} down at the node's first byte and {@link #hungUp} when the node closes it.
 */
final class RawPeer implements AutoCloseable {
    static final long BOUND_SECONDS = 20;

    final CountDownLatch answered = new CountDownLatch(1);
    final CountDownLatch hungUp = new CountDownLatch(1);
    private final Socket socket = new Socket();

    RawPeer(Endpoint node) throws IOException {
        socket.connect(TcpAddress.parse(node.address()).socketAddress(), 5_000);
        Thread reader = new Thread(() -> {
            try (InputStream in = socket.getInputStream()) {
                while (in.read() >= 0) {
                    answered.countDown(); // only that the node answered, and when it hung up, matter
                }
            } catch (IOException e) {
                // reset or closed: hung up either way
            }
            hungUp.countDown();
        }, "raw-peer-reader");
        reader.setDaemon(true);
        reader.start();
    }

    OutputStream out() throws IOException {
        return socket.getOutputStream();
    }

    /** Whether the node hung up within the generous bound. */
    boolean awaitHangUp() throws InterruptedException {
        return hungUp.await(BOUND_SECONDS, TimeUnit.SECONDS);
    }

    /** Whether the node answered within the generous bound. */
    boolean awaitAnswer() throws InterruptedException {
        return answered.await(BOUND_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
