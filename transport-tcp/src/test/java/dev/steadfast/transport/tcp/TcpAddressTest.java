package dev.steadfast.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.transport.Connection;
import dev.steadfast.spi.transport.Endpoint;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportConfigurationException;
import dev.steadfast.spi.transport.TransportSpec;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses of {@code tcp://} nodes: host names, IPv4 and bracketed IPv6 literals; malformed ones named. */
class TcpAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tcp://[::1]:7000,               ::1,          7000",
        "[::1]:0,                        ::1,          0",
        "//[fe80::1%eth0]:7001,          fe80::1%eth0, 7001",
        "tcp://[::ffff:10.0.0.5]:7002/x, ::ffff:10.0.0.5, 7002",
        "tcp://10.0.0.5:7000,            10.0.0.5,     7000",
        "node-1.example:65535,           node-1.example, 65535"})
    void anAddressIsTakenApartIntoHostAndPort(String address, String host, int port) {
        TcpAddress parsed = TcpAddress.parse(address);
        assertEquals(new TcpAddress(host, port), parsed);
        assertEquals(parsed, TcpAddress.parse(parsed.toString()), "toString reads back");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tcp://[::1:7000     | '[' opens an IPv6 address that no ']' closes",
        "[::1]7000           | the IPv6 address has no ':port' after its ']'",
        "[::1]               | the IPv6 address has no ':port' after its ']'",
        "[]:7000             | '' in brackets is not an IPv6 address",
        "[localhost]:7000    | 'localhost' in brackets is not an IPv6 address",
        "::1:7000            | an IPv6 host must be in brackets, '[::1]:7000'",
        "tcp://[::1]:port    | has port 'port', expected a number 0..65535",
        "[::1]:70000         | has port 70000, expected 0..65535",
        "7000                | it has no host or no port"})
    void aMalformedAddressIsRefusedNamingWhatIsWrongAndWhatIsExpected(String address, String why) {
        TransportConfigurationException e = assertThrows(TransportConfigurationException.class,
                () -> TcpAddress.parse(address));
        assertTrue(e.getMessage().contains("tcp address '" + address + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void aNodeListensAndIsReachedOnTheIpv6Loopback() throws Exception {
        Assumptions.assumeTrue(Collections.list(NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress())
                .getInetAddresses()).stream().anyMatch(a -> a instanceof Inet6Address), "no IPv6 loopback here");
        try (Transport transport = new TcpTransportProvider().open(TransportSpec.parse("tcp://[::1]:0"))) {
            Endpoint server = transport.listen("tcp://[::1]:0", TcpTransportTest.SERVER, (from, m) -> m);
            assertTrue(server.address().matches("\\[0:0:0:0:0:0:0:1]:\\d+"), server.address());
            Connection link = transport.connect(server.address(), TcpTransportTest.CLIENT, TcpTransportTest.TIMEOUT);
            assertEquals(new Message.Ack(1, 2), link.request(new Message.Ack(1, 2), TcpTransportTest.TIMEOUT));
        }
    }
}
