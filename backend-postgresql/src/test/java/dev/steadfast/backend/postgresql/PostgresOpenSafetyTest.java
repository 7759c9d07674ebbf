package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.NoSuchStoreException;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** Opening safely: unverified remote hosts and exposed password files warn, create=false creates nothing. */
class PostgresOpenSafetyTest {

    @Test
    void unverifiedConnectionToAnotherHostWarnsLoudlyNamingTheFix() {
        try (CapturedWarnings log = new CapturedWarnings()) {
            assertThrows(StoreException.class, () -> new PostgresStoreProvider().open(StoreSpec.parse(
                    "postgresql://db.invalid:5432/app?user=svc&connectTimeoutMs=250")));
            assertEquals(1, log.warnings().size(), log.warnings().toString());
            assertTrue(log.warnings().get(0).contains("db.invalid:5432")
                    && log.warnings().get(0).contains("sslmode=verify-full"), log.warnings().get(0));
        }
    }

    @Test
    void verifiedOrLoopbackConnectionsDoNotWarn(@TempDir Path dir) throws IOException {
        Path root = Files.writeString(dir.resolve("root.crt"), "not read before connecting");
        try (CapturedWarnings log = new CapturedWarnings()) {
            for (String host : new String[] {"localhost", "127.0.0.1", "[::1]"}) {
                PostgresWarnings.unverifiedRemote(PostgresConfig.parse(StoreSpec.parse("postgresql://" + host
                        + ":5432/app?user=svc")));
            }
            PostgresWarnings.unverifiedRemote(PostgresConfig.parse(StoreSpec.parse(
                    "postgresql://db.example:5432/app?sslmode=verify-full&sslrootcert=" + root)));
            assertEquals(java.util.List.of(), log.warnings());
            PostgresWarnings.unverifiedRemote(PostgresConfig.parse(StoreSpec.parse(
                    "postgresql://db.example:5432/app?sslmode=verify-ca&sslrootcert=" + root)));
            assertEquals(1, log.warnings().size(), "verify-ca checks no host name: " + log.warnings());
        }
    }

    @Test
    void passwordFileReadableByOthersWarnsButStillOpens(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("pw"), "unused-with-trust\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (CapturedWarnings log = new CapturedWarnings();
             Store store = PgStores.open(PgStores.freshSchema("safe"), "&passwordFile=" + file)) {
            assertEquals(1, log.warnings().size(), log.warnings().toString());
            assertTrue(log.warnings().get(0).contains("rw-r--r--") && log.warnings().get(0).contains("chmod 600"),
                    log.warnings().get(0));
            assertFalse(log.warnings().get(0).contains("unused-with-trust"));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        try (CapturedWarnings log = new CapturedWarnings();
             Store store = PgStores.open(PgStores.freshSchema("safe"), "&passwordFile=" + file)) {
            assertEquals(java.util.List.of(), log.warnings());
        }
    }

    @Test
    void clientKeyReadableByOthersWarns(@TempDir Path dir) throws IOException {
        Path cert = Files.writeString(dir.resolve("client.crt"), "not read before connecting");
        Path key = Files.writeString(dir.resolve("client.pk8"), "not read before connecting");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        try (CapturedWarnings log = new CapturedWarnings()) {
            PostgresConfig.parse(StoreSpec.parse("postgresql://localhost/app?sslcert=" + cert + "&sslkey=" + key));
            assertEquals(1, log.warnings().size(), log.warnings().toString());
            assertTrue(log.warnings().get(0).contains("'sslkey'"), log.warnings().get(0));
        }
    }

    @Test
    void hostListIsRefusedAndShownAsWritten() {
        for (String hostPort : new String[] {"h:1,h:1", "h,h:1", "h:1,h"}) {
            StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                    () -> PostgresConfig.parse(StoreSpec.parse("postgresql://" + hostPort + "/app")));
            assertTrue(e.getMessage().contains("more than one host ('" + hostPort + "')"), e.getMessage());
        }
        assertThrows(StoreConfigurationException.class,
                () -> PostgresConfig.parse(StoreSpec.parse("postgresql://h%20x:5432/app")));
        assertEquals("[::1]:5432", PostgresConfig.parse(StoreSpec.parse("postgresql://[::1]/app")).hostAndPort());
    }

    @Test
    void createFalseOnAMissingSchemaFailsAsNoSuchStoreAndCreatesNothing() throws SQLException {
        String schema = PgStores.freshSchema("safe");
        NoSuchStoreException e = assertThrows(NoSuchStoreException.class,
                () -> PgStores.open(schema, "&create=false"));
        assertTrue(e.getMessage().contains("no such store") && e.getMessage().contains(schema), e.getMessage());
        assertEquals(0, PostgresOpenTest.count("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'"));
    }

    @Test
    void createFalseOnAnEmptySchemaFailsAsNoSuchStoreAndLeavesItEmpty() throws SQLException {
        String schema = PgStores.freshSchema("safe");
        PostgresOpenTest.sql("CREATE SCHEMA " + schema);
        assertThrows(NoSuchStoreException.class, () -> PgStores.open(schema, "&create=false"));
        assertEquals(0, PostgresOpenTest.count("SELECT count(*) FROM information_schema.tables"
                + " WHERE table_schema = '" + schema + "'"));
    }

    @Test
    void createFalseOpensAnExistingStoreWithItsData() {
        String schema = PgStores.freshSchema("safe");
        try (Store store = PgStores.open(schema)) {
            store.apply(WriteBatch.builder().append(StreamId.of("s"), 0, new byte[] {1}).build());
        }
        try (Store store = PgStores.open(schema, "&create=false")) {
            assertEquals(1, store.journalHead(StreamId.of("s")));
        }
    }

    @Test
    void mixedCaseSchemaIsCreatedAndUsedUnderItsExactName() throws SQLException {
        String schema = "Mixed_" + PgStores.freshSchema("Case");
        try (Store store = PgStores.open(schema)) {
            assertTrue(store.apply(WriteBatch.builder().append(StreamId.of("s"), 0, new byte[] {1}).build())
                    .isCommitted());
        }
        assertEquals(1, PostgresOpenTest.count("SELECT count(*) FROM \"" + schema + "\".journal"));
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(PostgresServer.shared().jdbcUrl(PostgresServer.DATABASE));
        try (Store store = PostgresStoreProvider.open(ds, schema)) {
            assertEquals(1, store.journalHead(StreamId.of("s")));
        }
    }
}
