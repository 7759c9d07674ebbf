package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The plain-Java entry over the application's own DataSource. */
class PostgresDataSourceTest {

    @Test
    void storeOverTheApplicationsDataSourceCreatesItsSchemaAndKeepsDataAcrossOpens() throws Exception {
        PostgresServer server = PostgresServer.shared();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(server.jdbcUrl(PostgresServer.DATABASE));
        String schema = PgStores.freshSchema("appds");
        StreamId stream = StreamId.of("orders");
        try (Store store = PostgresStoreProvider.open(ds, schema)) {
            assertTrue(store.apply(WriteBatch.builder().append(stream, 0, new byte[] {1}).build()).isCommitted());
            assertEquals(1, store.journalHead(stream));
            assertTrue(store.descriptor().location().contains(schema));
        }
        try (Store store = PostgresStoreProvider.open(ds, schema)) {
            assertEquals(1, store.journalHead(stream));
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".journal")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }
}
