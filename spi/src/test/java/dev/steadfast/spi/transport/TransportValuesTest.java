package dev.steadfast.spi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransportValuesTest {

    @Test
    void aPeerOfAnotherClusterIsRefusedNamingBothClusters() {
        Handshake self = Handshake.of("orders", "n1", 3);
        String why = self.refusalOf(Handshake.of("billing", "n9", 3));
        assertEquals("node 'n9' belongs to cluster 'billing', this node to cluster 'orders'", why);
    }

    @Test
    void aPeerOfAnotherProtocolVersionIsRefusedNamingBothVersions() {
        Handshake self = Handshake.of("orders", "n1", 3);
        String why = self.refusalOf(new Handshake(2, "orders", "n2", 3));
        assertEquals("node 'n2' speaks protocol version 2, this node speaks 1", why);
    }

    @Test
    void aPeerOfTheSameClusterAndVersionIsAdmittedWhateverItsTerm() {
        assertNull(Handshake.of("orders", "n1", 3).refusalOf(Handshake.of("orders", "n2", 9)));
    }

    @Test
    void aFrameNeedsAPositiveLsnAndANonNegativeTerm() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Message.Frame(1, 0, new byte[0]))
                .getMessage().contains("LSN must be >= 1, was 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Message.Frame(-1, 1, new byte[0]))
                .getMessage().contains("term must be >= 0, was -1"));
    }

    @Test
    void aTransportUriIsParsedLikeAStoreUriWithSecretsHidden() {
        TransportSpec spec = TransportSpec.parse("tcp://127.0.0.1:7000?keystorePassword=x&password=hunter2");
        assertEquals("tcp", spec.scheme());
        assertEquals("//127.0.0.1:7000", spec.location());
        assertEquals("tcp://127.0.0.1:7000?keystorePassword=***&password=***", spec.toString());
    }

    @Test
    void aTransportUriWithoutSchemeIsAConfigurationErrorNamingIt() {
        TransportConfigurationException e = assertThrows(TransportConfigurationException.class,
                () -> TransportSpec.parse("127.0.0.1"));
        assertTrue(e.getMessage().contains("'127.0.0.1' has no scheme"), e.getMessage());
    }
}
