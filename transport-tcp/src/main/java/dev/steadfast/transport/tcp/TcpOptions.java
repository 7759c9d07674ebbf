package dev.steadfast.transport.tcp;

import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.transport.TransportConfigurationException;
import dev.steadfast.spi.transport.TransportSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The options of a {@code tcp://} URI. TLS is on when a {@code keystore} or {@code truststore} is given.
 *
 * @param maxFrameBytes      the largest frame read or written ({@code maxFrameBytes}, default 16 MiB)
 * @param backoffMillis      the first wait before reconnecting a broken link ({@code backoffMillis}, default 100)
 * @param maxBackoffMillis   the longest wait, reached by doubling ({@code maxBackoffMillis}, default 5000)
 * @param handshakeTimeoutMillis how long a listening node gives an accepted connection, in all, for its TLS
 *                           handshake and hello ({@code handshakeTimeoutMillis}, 1 to 600000, default 10000)
 * @param idleTimeoutMillis  how long a listening node waits for the next request (each read of it) before it
 *                           closes a connection ({@code idleTimeoutMillis}, 0 to 86400000, default 0: no limit).
 *                           Off by default because a client learns of the close only when its next request fails
 *                           as a broken link, and a failover coordinator's link may rightly sit idle for days;
 *                           without it, {@code SO_KEEPALIVE} (on every accepted socket) and {@code maxConnections}
 *                           bound what silent peers can hold
 * @param maxConnections     how many accepted connections a listening node serves at once; one past it is closed
 *                           unserved ({@code maxConnections}, 1 to 10000, default 64: a handful of cluster peers,
 *                           each with a replication link, a coordinator's link and some status calls)
 * @param tls                the TLS context, or null for plain TCP
 * @param clientAuth         whether a listening node requires a certificate its truststore trusts
 *                           ({@code clientAuth=true}: mutual TLS)
 * @param nodeIdInCertificate whether a listening node refuses a peer whose hello claims a node id its certificate
 *                           does not name (subject CN or a subject alternative name); only with clientAuth
 *                           ({@code nodeIdInCertificate=true}, default false)
 */
record TcpOptions(int maxFrameBytes, long backoffMillis, long maxBackoffMillis, long handshakeTimeoutMillis,
        long idleTimeoutMillis, int maxConnections, SSLContext tls, boolean clientAuth,
        boolean nodeIdInCertificate) {
    private static final Set<String> KNOWN = Set.of("maxFrameBytes", "backoffMillis", "maxBackoffMillis",
            "handshakeTimeoutMillis", "idleTimeoutMillis", "maxConnections",
            "keystore", "keystorePassword", "truststore", "truststorePassword", "clientAuth",
            "nodeIdInCertificate");

    static TcpOptions of(TransportSpec spec) {
        try {
            // the store URIs' check: it never names an unknown option that may be the tail of a password split at
            // an unencoded '&', nor prints the URI then
            new StoreSpec(spec.scheme(), spec.location(), spec.options()).requireKnownOptions(KNOWN);
        } catch (StoreConfigurationException e) {
            throw new TransportConfigurationException(e.getMessage().replaceFirst("^store ", "transport "), e);
        }
        int maxFrame = (int) spec.longOption("maxFrameBytes", 16 << 20, 64, 1 << 30);
        long backoff = spec.longOption("backoffMillis", 100, 0, 60_000);
        long maxBackoff = spec.longOption("maxBackoffMillis", 5_000, backoff, 600_000);
        long handshakeTimeout = spec.longOption("handshakeTimeoutMillis", 10_000, 1, 600_000);
        long idleTimeout = spec.longOption("idleTimeoutMillis", 0, 0, 86_400_000);
        int maxConnections = (int) spec.longOption("maxConnections", 64, 1, 10_000);
        boolean clientAuth = spec.booleanOption("clientAuth", false);
        boolean nodeIdInCertificate = spec.booleanOption("nodeIdInCertificate", false);
        if (nodeIdInCertificate && !clientAuth) {
            throw new TransportConfigurationException("transport " + spec + " asks for nodeIdInCertificate=true "
                    + "without clientAuth=true: a peer's node id can only be checked against a certificate it must "
                    + "present");
        }
        SSLContext tls = null;
        if (clientAuth && spec.option("keystore").isPresent() && spec.option("truststore").isEmpty()) {
            // the JDK's default trust would accept a certificate from any public authority as a cluster node's
            throw new TransportConfigurationException("transport " + spec + " asks for clientAuth=true without a "
                    + "truststore: give truststore=<PKCS12 file> holding the certificates that make a peer a "
                    + "cluster node");
        }
        if (spec.option("keystore").isPresent() || spec.option("truststore").isPresent()) {
            tls = context(spec);
        } else if (clientAuth) {
            throw new TransportConfigurationException("transport " + spec
                    + " asks for clientAuth=true without a keystore and truststore");
        }
        return new TcpOptions(maxFrame, backoff, maxBackoff, handshakeTimeout, idleTimeout, maxConnections, tls,
                clientAuth, nodeIdInCertificate);
    }

    private static SSLContext context(TransportSpec spec) {
        try {
            KeyManagerFactory keys = null;
            if (spec.option("keystore").isPresent()) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                char[] password = spec.option("keystorePassword").orElse("").toCharArray();
                keys.init(load(spec, "keystore", password), password);
            }
            TrustManagerFactory trust = null;
            if (spec.option("truststore").isPresent()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(spec, "truststore", spec.option("truststorePassword").orElse("").toCharArray()));
            }
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TransportConfigurationException("transport " + spec + " has unusable TLS material: " + e, e);
        }
    }

    private static KeyStore load(TransportSpec spec, String option, char[] password) throws GeneralSecurityException {
        Path path = Path.of(spec.option(option).orElseThrow());
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            throw new TransportConfigurationException("option '" + option + "' of transport " + spec
                    + " names " + path + ", which cannot be read as a PKCS12 store: " + e.getMessage(), e);
        }
    }
}
