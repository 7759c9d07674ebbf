package dev.steadfast.transport.tcp;

import static dev.steadfast.transport.tcp.TcpTransportTest.CLIENT;
import static dev.steadfast.transport.tcp.TcpTransportTest.SERVER;
import static dev.steadfast.transport.tcp.TcpTransportTest.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steadfast.spi.transport.Connection;
import dev.steadfast.spi.transport.Endpoint;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;
import org.junit.jupiter.api.Test;

/** What a transport keeps to close at its own close: only what is still open. */
class TcpTransportLifecycleTest {
    @Test
    void connectionsAndEndpointsClosedByTheirUserAreNotKeptByTheTransport() {
        TcpTransport transport = (TcpTransport) TcpTransportTest.open("tcp://127.0.0.1:0");
        try {
            Endpoint server = transport.listen("127.0.0.1:0", SERVER, (from, m) -> new Message.Ack(1, 1));
            // what a replication link does through a flapping network: connect, fail, close, connect again
            for (int i = 0; i < 50; i++) {
                Connection link = transport.connect(server.address(), CLIENT, TIMEOUT);
                link.request(new RoleCommand.Status(), TIMEOUT);
                link.close();
            }
            Connection kept = transport.connect(server.address(), CLIENT, TIMEOUT);
            assertEquals(2, transport.tracked(), "the endpoint and the one open connection");
            kept.close();
            server.close();
            assertEquals(0, transport.tracked());
        } finally {
            transport.close();
        }
    }
}
