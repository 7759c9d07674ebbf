package dev.steadfast.transport.tcp;

import dev.steadfast.spi.transport.TransportConfigurationException;
import java.net.InetSocketAddress;

/** A {@code host:port} address, also accepted as {@code tcp://host:port} or {@code //host:port}. */
record TcpAddress(String host, int port) {

    static TcpAddress parse(String address) {
        String rest = address.startsWith("tcp:") ? address.substring(4) : address;
        rest = rest.startsWith("//") ? rest.substring(2) : rest;
        int slash = rest.indexOf('/');
        rest = slash < 0 ? rest : rest.substring(0, slash);
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            throw new TransportConfigurationException("tcp address '" + address + "' is not host:port");
        }
        int port;
        try {
            port = Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new TransportConfigurationException("tcp address '" + address + "' has port '"
                    + rest.substring(colon + 1) + "', expected a number 0..65535");
        }
        if (port < 0 || port > 65535) {
            throw new TransportConfigurationException("tcp address '" + address + "' has port " + port
                    + ", expected 0..65535");
        }
        return new TcpAddress(rest.substring(0, colon), port);
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
