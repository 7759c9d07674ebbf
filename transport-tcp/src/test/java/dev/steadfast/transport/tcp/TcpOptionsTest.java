package dev.steadfast.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.transport.TransportConfigurationException;
import dev.steadfast.spi.transport.TransportSpec;
import org.junit.jupiter.api.Test;

/** The options of a {@code tcp://} URI: what a refusal names, and what it never shows. */
class TcpOptionsTest {
    @Test
    void anUnknownOptionIsRefusedNamingItAndTheKnownOnes() {
        TransportConfigurationException e = assertThrows(TransportConfigurationException.class,
                () -> TcpOptions.of(TransportSpec.parse("tcp://127.0.0.1:7000?maxFrameByte=64")));
        assertTrue(e.getMessage().contains("'maxFrameByte'") && e.getMessage().contains("maxFrameBytes"),
                e.getMessage());
    }

    @Test
    void idleConnectionsAreKeptByDefaultSoAnIdleCoordinatorLinkStaysUsable() {
        assertEquals(0, TcpOptions.of(TransportSpec.parse("tcp://127.0.0.1:7000")).idleTimeoutMillis());
    }

    @Test
    void anIdleTimeoutOutOfRangeIsRefusedNamingTheOptionTheRangeAndTheValue() {
        TransportConfigurationException e = assertThrows(TransportConfigurationException.class,
                () -> TcpOptions.of(TransportSpec.parse("tcp://127.0.0.1:7000?idleTimeoutMillis=-1")));
        assertTrue(e.getMessage().contains("'idleTimeoutMillis'") && e.getMessage().contains("between 0 and 86400000")
                && e.getMessage().contains("was -1"), e.getMessage());
    }

    @Test
    void aKeystorePasswordSplitAtAnUnencodedAmpersandIsNotShownAsAnUnknownOption() {
        TransportConfigurationException e = assertThrows(TransportConfigurationException.class,
                () -> TcpOptions.of(TransportSpec.parse("tcp://127.0.0.1:7000?keystore=/no/such.p12"
                        + "&keystorePassword=Tr0ub4dor&3xyz")));
        assertFalse(e.getMessage().contains("3xyz") || e.getMessage().contains("Tr0ub4dor"), e.getMessage());
        assertTrue(e.getMessage().contains("percent-encoded"), e.getMessage());
    }

    @Test
    void clientAuthWithAKeystoreButNoTruststoreIsRefused() throws Exception {
        // with no truststore the JDK's public certificate authorities would decide who is a cluster node
        Certificates certs = Certificates.shared();
        TransportConfigurationException e = assertThrows(TransportConfigurationException.class,
                () -> TcpOptions.of(TransportSpec.parse("tcp://127.0.0.1:0?keystore=" + certs.node
                        + "&keystorePassword=" + Certificates.PASSWORD + "&clientAuth=true")));
        assertTrue(e.getMessage().contains("clientAuth=true") && e.getMessage().contains("truststore"),
                e.getMessage());
        assertFalse(e.getMessage().contains(Certificates.PASSWORD), e.getMessage());
    }
}
