package dev.steadfast.transport.tcp;

import static dev.steadfast.transport.tcp.TcpTransportTest.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.transport.TransportSpec;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An accept that keeps failing (out of file descriptors, say) is retried after a wait that doubles up to a second,
 * not at once in a spin; a connection accepted resets the wait. The failures are injected through the endpoint's
 * accept seam and the waits taken on a {@link ManualClock}, which advances by each wait and returns at once.
 */
class AcceptBackoffTest {
    private static final int SUCCESS_AT = 5;
    private static final int ATTEMPTS = 16;

    @Test
    void failingAcceptsAreRetriedAfterADoublingWaitCappedAtOneSecondAndResetByASuccess() throws Exception {
        ManualClock clock = new ManualClock();
        List<Long> attemptedAtMillis = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        TcpOptions options = TcpOptions.of(TransportSpec.parse("tcp://127.0.0.1:0"));
        TcpEndpoint endpoint = TcpEndpoint.start(TcpAddress.parse("127.0.0.1:0"), SERVER, (from, m) -> m, options,
                new Wire(1 << 20), clock, server -> {
                    attemptedAtMillis.add(clock.nanos() / 1_000_000);
                    if (attemptedAtMillis.size() == SUCCESS_AT) {
                        return new Socket(); // unconnected: its serving thread fails at once, which is no matter
                    }
                    if (attemptedAtMillis.size() == ATTEMPTS) {
                        server.close();
                        done.countDown();
                    }
                    throw new IOException("Too many open files (injected)");
                });
        try {
            assertTrue(done.await(RawPeer.BOUND_SECONDS, TimeUnit.SECONDS), "accept attempts: " + attemptedAtMillis);
        } finally {
            endpoint.close();
        }
        List<Long> waits = new ArrayList<>();
        for (int i = 1; i < attemptedAtMillis.size(); i++) {
            waits.add(attemptedAtMillis.get(i) - attemptedAtMillis.get(i - 1));
        }
        // attempts 1-4 fail, 5 succeeds (next attempt at once), 6-16 fail
        assertEquals(List.of(10L, 20L, 40L, 80L, 0L, 10L, 20L, 40L, 80L, 160L, 320L, 640L, 1000L, 1000L, 1000L),
                waits);
    }
}
