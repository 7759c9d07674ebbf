package dev.steadfast.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.transport.TransportConfigurationException;
import dev.steadfast.spi.transport.TransportSpec;
import org.junit.jupiter.api.Test;

class TransportDiscoveryTest {
    private static final System.Logger LOGGER = System.getLogger(TransportDiscoveryTest.class.getName());

    @Test
    void anUnknownTransportSchemeListsTheSchemesFoundAndTheArtifactToAdd() {
        TransportConfigurationException e = assertThrows(TransportConfigurationException.class,
                () -> TransportDiscovery.select(TransportSpec.parse("tcp://127.0.0.1:7000"),
                        getClass().getClassLoader(), LOGGER));
        String message = e.getMessage();
        assertTrue(message.startsWith("no transport provider serves scheme 'tcp' (transport tcp://127.0.0.1:7000)"),
                message);
        assertTrue(message.contains("add the dependency dev.steadfast:steadfast-transport-tcp"), message);
        assertTrue(message.contains("'inproc' (dev.steadfast.transport.InprocTransportProvider"), message);
    }
}
