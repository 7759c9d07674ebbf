package dev.steadfast.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.transport.Connection;
import dev.steadfast.spi.transport.Endpoint;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportException;
import dev.steadfast.spi.transport.TransportSpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reconnect backoff runs on the transport's clock: with a {@link ManualClock} standing still, a broken link is
 * not reopened even when the peer is back; advanced past the wait, it is. Waits double up to the maximum.
 */
class TcpBackoffTest {
    private static final Message PING = new Message.Ack(1, 1);

    private final ManualClock clock = new ManualClock();
    private final Transport client = new TcpTransportProvider().open(
            TransportSpec.parse("tcp://127.0.0.1:0?backoffMillis=100&maxBackoffMillis=300"), clock);
    private final Transport server = TcpTransportTest.open("tcp://127.0.0.1:0");
    private String address;
    private Endpoint endpoint;

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private void serve() {
        endpoint = server.listen(address == null ? "127.0.0.1:0" : address, TcpTransportTest.SERVER, (f, m) -> m);
        address = endpoint.address();
    }

    private static String failure(Connection link) {
        return assertThrows(TransportException.class, () -> link.request(PING, TcpTransportTest.TIMEOUT))
                .getMessage();
    }

    @Test
    void aBrokenLinkIsReopenedOnlyOnceTheBackoffHasPassedOnTheTransportsClock() {
        serve();
        Connection link = client.connect(address, TcpTransportTest.CLIENT, TcpTransportTest.TIMEOUT);
        assertEquals(PING, link.request(PING, TcpTransportTest.TIMEOUT));

        endpoint.close();
        failure(link); // the link breaks: first wait 100 ms
        serve();
        String waiting = failure(link);
        assertTrue(waiting.contains("reconnecting in 100 ms"), waiting);
        clock.advanceMillis(99);
        assertTrue(failure(link).contains("reconnecting in 1 ms"), "the peer is back, but the clock says wait");
        clock.advanceMillis(1);
        assertEquals(PING, link.request(PING, TcpTransportTest.TIMEOUT), "reopened once the wait has passed");
    }

    @Test
    void eachFailedReconnectDoublesTheWaitUpToTheMaximumAndASuccessResetsIt() {
        serve();
        Connection link = client.connect(address, TcpTransportTest.CLIENT, TcpTransportTest.TIMEOUT);
        endpoint.close();
        failure(link); // broken: 100 ms
        clock.advanceMillis(100);
        failure(link); // reconnect refused: 200 ms
        assertTrue(failure(link).contains("reconnecting in 200 ms"));
        clock.advanceMillis(200);
        failure(link); // refused again: 300 ms, the maximum, not 400
        assertTrue(failure(link).contains("reconnecting in 300 ms"));

        serve();
        clock.advanceMillis(300);
        assertEquals(PING, link.request(PING, TcpTransportTest.TIMEOUT));
        endpoint.close();
        failure(link);
        assertTrue(failure(link).contains("reconnecting in 100 ms"), "a success reset the wait");
    }
}
