package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.tck.LogScan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HikariCP's own log lines, at every level (its debug lines print the whole pool configuration), never hold the
 * store's password: neither for the pool the backend builds from a URI nor for an application's pool whose JDBC
 * URL carries one. The tests route HikariCP's SLF4J logging to java.util.logging (slf4j-jdk14), so the suite-wide
 * {@link LogScan} reads these lines too.
 */
class PostgresPoolLogTest {
    private static final String SECRET = "pool-Hunter2-" + LogScan.MARKER;

    @Test
    void thePoolBuiltFromAUriLogsItsConfigurationWithoutThePassword() {
        String schema = PgStores.freshSchema("poollog");
        List<String> lines;
        try (CapturedWarnings hikari = new CapturedWarnings("com.zaxxer.hikari");
             Store store = PgStores.open(schema, "&password=" + SECRET)) {
            assertTrue(store.apply(WriteBatch.builder().append(StreamId.of("s"), 0, new byte[] {1}).build())
                    .isCommitted());
            lines = hikari.messages();
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("steadfast-postgresql-") && l.contains("configuration")),
                "HikariCP's configuration dump was logged (so the scan read it): " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains("maximumPoolSize")), lines::toString);
        assertFalse(lines.stream().anyMatch(l -> l.contains(SECRET)), lines::toString);
    }

    @Test
    void anApplicationPoolWhoseJdbcUrlHoldsThePasswordLogsItMasked() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("application-pool");
        config.setJdbcUrl(PostgresServer.shared().jdbcUrl(PostgresServer.DATABASE) + "&password=" + SECRET);
        config.setMaximumPoolSize(2);
        List<String> lines;
        try (CapturedWarnings hikari = new CapturedWarnings("com.zaxxer.hikari");
             HikariDataSource application = new HikariDataSource(config);
             Store store = PostgresStoreProvider.open(application, PgStores.freshSchema("apppool"))) {
            assertTrue(store.apply(WriteBatch.builder().append(StreamId.of("s"), 0, new byte[] {1}).build())
                    .isCommitted());
            assertFalse(store.descriptor().location().contains(SECRET), store.descriptor().location());
            lines = hikari.messages();
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("jdbcUrl")), "the JDBC URL was logged: " + lines);
        assertFalse(lines.stream().anyMatch(l -> l.contains(SECRET)), lines::toString);
    }
}
