package dev.steadfast.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steadfast.internal.TransportDiscovery;
import dev.steadfast.spi.transport.TransportSpec;
import org.junit.jupiter.api.Test;

/**
 * Discovery passes over this project's transport providers of other schemes by class name (core's table, which
 * names this provider too); a {@code tcp://} URI must find this module's provider from the class path.
 */
class TcpTransportDiscoveryTest {
    @Test
    void aTcpUriFindsThisModulesProvider() {
        assertEquals(TcpTransportProvider.class, TransportDiscovery.select(TransportSpec.parse("tcp://127.0.0.1:7000"),
                getClass().getClassLoader(), System.getLogger(getClass().getName())).getClass());
    }
}
