package dev.steadfast.transport.tcp;

import static dev.steadfast.transport.tcp.TcpTransportTest.CLIENT;
import static dev.steadfast.transport.tcp.TcpTransportTest.SERVER;
import static dev.steadfast.transport.tcp.TcpTransportTest.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.transport.Endpoint;
import dev.steadfast.spi.transport.HandshakeRefusedException;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mutual TLS on loopback with certificates keytool makes at test time. */
class TlsTest {
    static Certificates certs;
    static Transport node;
    static Endpoint server;

    @BeforeAll
    static void start() throws Exception {
        certs = Certificates.shared();
        node = TcpTransportTest.open(certs.uri(certs.node));
        server = node.listen("127.0.0.1:0", SERVER, (from, m) -> new Message.Ack(1, 3));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static Message status(Transport client) {
        try (client) {
            return client.connect(server.address(), CLIENT, TIMEOUT).request(new RoleCommand.Status(), TIMEOUT);
        }
    }

    @Test
    void aNodeWithTheClusterCertificateIsServed() {
        assertEquals(new Message.Ack(1, 3), status(TcpTransportTest.open(certs.uri(certs.node))));
    }

    @Test
    void aNodeWhoseCertificateIsNotTrustedIsRefusedAndTheNodeKeepsServing() {
        Transport stranger = TcpTransportTest.open(certs.uri(certs.stranger));
        HandshakeRefusedException e = assertThrows(HandshakeRefusedException.class, () -> status(stranger));
        assertTrue(e.getMessage().contains("TLS handshake with tcp://127.0.0.1:"), e.getMessage());
        assertEquals(new Message.Ack(1, 3), status(TcpTransportTest.open(certs.uri(certs.node))));
    }

    @Test
    void aPlainTcpPeerIsRefusedByATlsNode() {
        Transport plain = TcpTransportTest.open("tcp://127.0.0.1:0");
        assertThrows(TransportException.class, () -> status(plain));
        assertEquals(new Message.Ack(1, 3), status(TcpTransportTest.open(certs.uri(certs.node))));
    }

    @Test
    void clientAuthWithoutKeyMaterialIsAConfigurationError() {
        TransportException e = assertThrows(TransportException.class,
                () -> TcpTransportTest.open("tcp://127.0.0.1:0?clientAuth=true"));
        assertTrue(e.getMessage().contains("clientAuth=true without a keystore and truststore"), e.getMessage());
    }
}
