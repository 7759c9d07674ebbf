package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS against a real server started with {@code ssl=on} and certificates generated for the run: verification of
 * the server's certificate and host name, refusal of a server without TLS, client-certificate authentication.
 */
class PostgresTlsTest {
    private static Path dir;
    private static TestCertificates certs;
    private static PostgresServer server;

    @BeforeAll
    static void startTlsServer() throws IOException {
        PostgresServer.shared(); // skips (or fails on CI) with the fixture's one loud line when no server can run
        Assumptions.assumeTrue(TestCertificates.opensslAvailable() || onCi(), "openssl is not installed");
        dir = Files.createTempDirectory("steadfast-tls-");
        certs = TestCertificates.generate(dir);
        server = PostgresServer.startWithTls(certs);
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void verifyFullWithTheTrustedRootAndTheCertificatesHostNameConnectsOverTls() throws SQLException {
        String schema = PgStores.freshSchema("tls");
        try (Store store = open("localhost", schema, "postgres",
                "&sslmode=verify-full&sslrootcert=" + certs.caCert())) {
            assertTrue(store.apply(WriteBatch.builder().append(StreamId.of("s"), 0, new byte[] {1}).build())
                    .isCommitted());
            assertTrue(storeConnectionsUseTls() > 0, "the store's connections should be encrypted");
        }
    }

    @Test
    void verifyFullRefusesACertificateIssuedToAnotherHostNameAndCreatesNothing() throws SQLException {
        String schema = PgStores.freshSchema("tls");
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                () -> open("127.0.0.1", schema, "postgres", "&sslmode=verify-full&sslrootcert=" + certs.caCert())
                        .close());
        assertTrue(e.getMessage().contains("127.0.0.1") && e.getMessage().contains("hostname"), e.getMessage());
        assertEquals(0, count("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'"));
    }

    @Test
    void verifyFullRefusesACertificateNotSignedByTheGivenRoot() {
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                () -> open("localhost", PgStores.freshSchema("tls"), "postgres",
                        "&sslmode=verify-full&sslrootcert=" + certs.otherCaCert()).close());
        assertTrue(e.getMessage().contains("sslmode=verify-full") && e.getMessage().contains("certification path"),
                e.getMessage());
    }

    @Test
    void sslrootcertWithoutSslmodeVerifiesTheServersCertificateAndHostName() throws SQLException {
        try (Store store = open("localhost", PgStores.freshSchema("tls"), "postgres", "&sslrootcert=" + certs.caCert())) {
            assertEquals(0, store.journalHead(StreamId.of("s")));
            assertTrue(storeConnectionsUseTls() > 0, "the store's connections should be encrypted");
        }
        StoreConfigurationException untrusted = assertThrows(StoreConfigurationException.class,
                () -> open("localhost", PgStores.freshSchema("tls"), "postgres", "&sslrootcert=" + certs.otherCaCert())
                        .close());
        assertTrue(untrusted.getMessage().contains("sslmode=verify-full"), untrusted.getMessage());
        StoreConfigurationException otherHost = assertThrows(StoreConfigurationException.class,
                () -> open("127.0.0.1", PgStores.freshSchema("tls"), "postgres", "&sslrootcert=" + certs.caCert())
                        .close());
        assertTrue(otherHost.getMessage().contains("hostname"), otherHost.getMessage());
    }

    @Test
    void requireRefusesAServerWithoutTls() {
        PostgresServer plain = PostgresServer.shared();
        String uri = "postgresql://127.0.0.1:" + plain.port() + "/" + PostgresServer.DATABASE + "?schema="
                + PgStores.freshSchema("tls") + "&user=postgres&sslmode=require";
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                () -> new PostgresStoreProvider().open(StoreSpec.parse(uri)).close());
        assertTrue(e.getMessage().contains("does not support SSL"), e.getMessage());
    }

    @Test
    void clientCertificateAuthenticatesItsUserAndIsRequiredForIt() {
        String withCert = "&sslmode=verify-full&sslrootcert=" + certs.caCert() + "&sslcert=" + certs.clientCert()
                + "&sslkey=" + certs.clientKey();
        try (Store store = open("localhost", PgStores.freshSchema("tls"), TestCertificates.CLIENT_USER, withCert)) {
            assertEquals(0, store.journalHead(StreamId.of("s")));
        }
        assertThrows(StoreConfigurationException.class, () -> open("localhost", PgStores.freshSchema("tls"),
                TestCertificates.CLIENT_USER, "&sslmode=verify-full&sslrootcert=" + certs.caCert()).close());
    }

    @Test
    void anEncryptedClientKeyOpensWithItsSslpasswordAndNotWithoutIt() {
        String keyPassword = "k3y-pass";
        String withKey = "&sslmode=verify-full&sslrootcert=" + certs.caCert() + "&sslcert=" + certs.clientCert()
                + "&sslkey=" + certs.encryptedClientKey(keyPassword);
        try (Store store = open("localhost", PgStores.freshSchema("tls"), TestCertificates.CLIENT_USER,
                withKey + "&sslpassword=" + keyPassword)) {
            assertEquals(0, store.journalHead(StreamId.of("s")));
        }
        assertThrows(StoreConfigurationException.class, () -> open("localhost", PgStores.freshSchema("tls"),
                TestCertificates.CLIENT_USER, withKey + "&sslpassword=wrong").close());
    }

    @Test
    void unknownSslModeAndHalfAClientCertificateAreConfigurationErrors() {
        StoreConfigurationException mode = assertThrows(StoreConfigurationException.class,
                () -> open("localhost", "tls_x", "postgres", "&sslmode=verify"));
        assertTrue(mode.getMessage().contains("verify-full") && mode.getMessage().contains("'verify'"),
                mode.getMessage());
        StoreConfigurationException half = assertThrows(StoreConfigurationException.class,
                () -> open("localhost", "tls_x", "postgres", "&sslcert=" + certs.clientCert()));
        assertTrue(half.getMessage().contains("sslkey"), half.getMessage());
        StoreConfigurationException missing = assertThrows(StoreConfigurationException.class,
                () -> open("localhost", "tls_x", "postgres", "&sslmode=verify-full&sslrootcert=" + dir.resolve("no")));
        assertTrue(missing.getMessage().contains("sslrootcert"), missing.getMessage());
    }

    private static Store open(String host, String schema, String user, String extra) {
        return new PostgresStoreProvider().open(StoreSpec.parse("postgresql://" + host + ":" + server.port() + "/"
                + PostgresServer.DATABASE + "?schema=" + schema + "&user=" + user + "&connectTimeoutMs=5000" + extra));
    }

    private static long storeConnectionsUseTls() throws SQLException {
        return count("SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid)"
                + " WHERE application_name = 'steadfast' AND ssl");
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
