package dev.steadfast.transport.tcp;

import dev.steadfast.spi.transport.TransportConfigurationException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A {@code host:port} address, also accepted as {@code tcp://host:port} or {@code //host:port}. An IPv6 host is
 * written in brackets, {@code [::1]:7000}, as in URIs; without them its colons could not be told from the port's.
 *
 * @param host a name, an IPv4 literal or an IPv6 literal without brackets
 * @param port 0..65535
 */
record TcpAddress(String host, int port) {
    private static final String EXPECTED = "expected host:port, or [IPv6]:port such as [::1]:7000";

    static TcpAddress parse(String address) {
        String rest = address.startsWith("tcp:") ? address.substring(4) : address;
        rest = rest.startsWith("//") ? rest.substring(2) : rest;
        int slash = rest.indexOf('/');
        rest = slash < 0 ? rest : rest.substring(0, slash);
        String host;
        String port;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw malformed(address, "'[' opens an IPv6 address that no ']' closes");
            }
            host = rest.substring(1, close);
            if (!host.contains(":") || !host.matches("[0-9A-Fa-f:.]+(%[\\w.-]+)?")) {
                throw malformed(address, "'" + host + "' in brackets is not an IPv6 address");
            }
            if (close == rest.length() - 1 || rest.charAt(close + 1) != ':') {
                throw malformed(address, "the IPv6 address has no ':port' after its ']'");
            }
            port = rest.substring(close + 2);
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon <= 0) {
                throw malformed(address, "it has no host or no port");
            }
            host = rest.substring(0, colon);
            if (host.contains(":")) {
                throw malformed(address, "an IPv6 host must be in brackets, '[" + host + "]:" + rest
                        .substring(colon + 1) + "'");
            }
            port = rest.substring(colon + 1);
        }
        return new TcpAddress(host, port(address, port));
    }

    private static int port(String address, String port) {
        int value;
        try {
            value = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new TransportConfigurationException("tcp address '" + address + "' has port '" + port
                    + "', expected a number 0..65535");
        }
        if (value < 0 || value > 65535) {
            throw new TransportConfigurationException("tcp address '" + address + "' has port " + value
                    + ", expected 0..65535");
        }
        return value;
    }

    private static TransportConfigurationException malformed(String address, String why) {
        return new TransportConfigurationException("tcp address '" + address + "' is malformed: " + why + "; "
                + EXPECTED);
    }

    /** The address a socket bound to: IPv6 hosts in brackets, so that {@link #parse} reads it back. */
    static String format(InetAddress host, int port) {
        String literal = host.getHostAddress();
        return (literal.contains(":") ? "[" + literal + "]" : literal) + ":" + port;
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
