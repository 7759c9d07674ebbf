package dev.steadfast.transport.tcp;

import static dev.steadfast.transport.tcp.TcpTransportTest.CLIENT;
import static dev.steadfast.transport.tcp.TcpTransportTest.SERVER;
import static dev.steadfast.transport.tcp.TcpTransportTest.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.transport.Endpoint;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.HandshakeRefusedException;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code nodeIdInCertificate=true} a trusted certificate vouches only for the node id it names: the test
 * certificate is {@code CN=node} with {@code SAN=ip:127.0.0.1}, so a peer may say it is "node", not "client".
 */
class NodeIdCertificateTest {
    private Transport listening;
    private Transport connecting;
    private Endpoint server;

    @BeforeEach
    void start() throws Exception {
        Certificates certs = Certificates.shared();
        listening = TcpTransportTest.open(certs.uri(certs.node) + "&nodeIdInCertificate=true");
        connecting = TcpTransportTest.open(certs.uri(certs.node));
        server = listening.listen("127.0.0.1:0", SERVER, (from, m) -> new Message.Ack(1, 3));
    }

    @AfterEach
    void stop() {
        connecting.close();
        listening.close();
    }

    @Test
    void aPeerClaimingANodeIdItsCertificateNamesIsServed() {
        Handshake named = Handshake.of(CLIENT.clusterId(), "node", 1);
        assertEquals(new Message.Ack(1, 3),
                connecting.connect(server.address(), named, TIMEOUT).request(new RoleCommand.Status(), TIMEOUT));
    }

    @Test
    void aPeerClaimingANodeIdItsCertificateDoesNotNameIsRefusedSayingWhy() {
        HandshakeRefusedException e = assertThrows(HandshakeRefusedException.class,
                () -> connecting.connect(server.address(), CLIENT, TIMEOUT));
        assertTrue(e.getMessage().contains("node id 'client' is not named by its TLS certificate")
                && e.getMessage().contains("[node, 127.0.0.1]"), e.getMessage());
    }

    @Test
    void nodeIdInCertificateWithoutClientAuthIsRefused() {
        TransportConfigurationException e = assertThrows(TransportConfigurationException.class,
                () -> TcpTransportTest.open("tcp://127.0.0.1:0?nodeIdInCertificate=true"));
        assertTrue(e.getMessage().contains("nodeIdInCertificate=true without clientAuth=true"), e.getMessage());
    }
}
