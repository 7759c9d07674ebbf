package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreEvent;
import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoreGauge;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.RecordingMonitor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the PostgreSQL store reports to a monitor and logs: its pool's levels, a lost connection, a reconnect. */
class PostgresMonitorTest {
    private static final StreamId STREAM = StreamId.of("orders");

    @Test
    void poolGaugesReadHikariCpsLevels() {
        RecordingMonitor monitor = new RecordingMonitor();
        try (Store store = PgStores.open(PgStores.freshSchema("monitor"), "&poolSize=5")) {
            store.monitor(monitor);
            assertTrue(store.apply(append(0)).isCommitted());
            assertEquals(5, monitor.read(StoreGauge.POOL_MAX).orElseThrow());
            assertEquals(0, monitor.read(StoreGauge.POOL_ACTIVE).orElseThrow());
            assertEquals(0, monitor.read(StoreGauge.POOL_PENDING).orElseThrow());
            try (Stream<Entry> cursor = store.readJournal(STREAM, 1)) {
                assertEquals(1, monitor.read(StoreGauge.POOL_ACTIVE).orElseThrow(), "an open cursor holds one");
                assertTrue(monitor.read(StoreGauge.POOL_IDLE).orElseThrow() >= 0);
                assertEquals(1, cursor.count());
            }
            assertEquals(0, monitor.read(StoreGauge.POOL_ACTIVE).orElseThrow());
        }
    }

    @Test
    void aServerRestartUnderLoadIsLoggedAsALostConnectionThenAReconnectAndReported() throws Exception {
        RecordingMonitor monitor = new RecordingMonitor();
        String schema = PgStores.freshSchema("monitor");
        try (CapturedWarnings log = new CapturedWarnings();
             Store store = PgStores.open(schema, "&statementTimeoutMs=10000&connectTimeoutMs=5000")) {
            store.monitor(monitor);
            WriteLoad load = new WriteLoad(store, 4);
            try (load) {
                awaitCommits(load, 50);
                PostgresServer.shared().restartImmediate();
                awaitCommits(load, load.commits.get() + 50);
            }
            assertTrue(load.failures.size() > 0, "the restart should have failed some in-flight call");
            List<StoreEvent.Reconnected> reconnects = monitor.events(StoreEvent.Reconnected.class);
            assertTrue(reconnects.size() >= 1, "no reconnect reported");
            List<String> lines = log.messages();
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARNING: PostgreSQL store //")
                    && l.contains("schema=" + schema) && l.contains("lost its connection")), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("INFO: PostgreSQL store //")
                    && l.contains("schema=" + schema) && l.contains("reconnected")), lines::toString);
        }
    }

    @Test
    void anApplicationDataSourceWhoseBackendsAreKilledMidTransactionLogsTheLossAndTheReconnectAndReportsIt()
            throws Exception {
        String app = "appds_" + ProcessHandle.current().pid();
        HikariConfig config = new HikariConfig();
        config.setPoolName(app);
        config.setJdbcUrl(PostgresServer.shared().jdbcUrl(PostgresServer.DATABASE) + "&ApplicationName=" + app);
        config.setMaximumPoolSize(4);
        RecordingMonitor monitor = new RecordingMonitor();
        String schema = PgStores.freshSchema("appds_monitor");
        int killed = 0;
        try (CapturedWarnings log = new CapturedWarnings(); HikariDataSource dataSource = new HikariDataSource(config);
             Store store = PostgresStoreProvider.open(dataSource, schema)) {
            store.monitor(monitor);
            WriteLoad load = new WriteLoad(store, 4);
            try (load) {
                awaitCommits(load, 20);
                // only backends inside a transaction: the store is using them, so its call sees the loss
                for (int round = 0; round < 200 && (killed == 0 || load.failures.isEmpty()); round++) {
                    killed += PostgresServer.shared().terminateBackends(
                            "application_name = '" + app + "' AND xact_start IS NOT NULL");
                    awaitCommits(load, load.commits.get() + 5);
                }
                awaitCommits(load, load.commits.get() + 20);
            }
            assertTrue(killed > 0 && !load.failures.isEmpty(), "no call of the store lost its backend: "
                    + killed + " killed, " + load.failures.size() + " calls failed");
            assertEquals(List.of(), load.violations());
            List<StoreEvent.Reconnected> reconnects = monitor.events(StoreEvent.Reconnected.class);
            assertTrue(reconnects.size() >= 1, "no reconnect reported");
            assertTrue(reconnects.stream().allMatch(r -> r.nanos() >= 0), reconnects::toString);
            String location = "PostgreSQL store datasource:HikariDataSource?schema=" + schema;
            List<String> lines = log.messages();
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARNING: " + location)
                    && l.contains("lost its connection")), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("INFO: " + location) && l.contains("reconnected")
                    && l.matches(".* \\d+ ms after losing its connection")), lines::toString);
        }
    }

    @Test
    void anApplicationDataSourceWhoseServerIsStoppedAndStartedAgainLogsTheLossAndTheReconnectAndReportsIt() {
        PostgresServer server = PostgresServer.shared();
        HikariConfig config = new HikariConfig();
        config.setPoolName("appds_restart");
        config.setJdbcUrl(server.jdbcUrl(PostgresServer.DATABASE));
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(1_000); // while the server is down, a borrow gives up after a second
        RecordingMonitor monitor = new RecordingMonitor();
        String schema = PgStores.freshSchema("appds_restart");
        String location = "PostgreSQL store datasource:HikariDataSource?schema=" + schema;
        try (CapturedWarnings log = new CapturedWarnings(); HikariDataSource dataSource = new HikariDataSource(config);
             Store store = PostgresStoreProvider.open(dataSource, schema)) {
            store.monitor(monitor);
            assertTrue(store.apply(append(0)).isCommitted());
            server.stopImmediate();
            try {
                // idle when the server went: the store finds out only when it next borrows a connection
                assertThrows(StoreException.class, () -> store.apply(append(1)));
            } finally {
                server.startStopped();
            }
            assertEquals(List.of(), monitor.events(StoreEvent.Reconnected.class), "nothing worked yet");
            assertTrue(firstWriteThatWorks(store, 1).isCommitted());
            assertEquals(2, store.journalHead(STREAM), "the refused write wrote nothing");
            List<StoreEvent.Reconnected> reconnects = monitor.events(StoreEvent.Reconnected.class);
            assertEquals(1, reconnects.size(), reconnects::toString);
            List<String> lines = log.messages();
            assertEquals(1, lines.stream().filter(l -> l.startsWith("WARNING: " + location)
                    && l.contains("lost its connection")).count(), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("INFO: " + location)
                    && l.matches(".* reconnected to the server \\d+ ms after losing its connection")),
                    lines::toString);
        }
    }

    @Test
    void anApplicationDataSourceThatIsOnlyExhaustedIsNotALostConnection() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setPoolName("appds_exhausted");
        config.setJdbcUrl(PostgresServer.shared().jdbcUrl(PostgresServer.DATABASE));
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(250);
        RecordingMonitor monitor = new RecordingMonitor();
        try (CapturedWarnings log = new CapturedWarnings(); HikariDataSource dataSource = new HikariDataSource(config);
             Store store = PostgresStoreProvider.open(dataSource, PgStores.freshSchema("appds_exhausted"))) {
            store.monitor(monitor);
            try (java.sql.Connection taken = dataSource.getConnection()) { // the application holds the only one
                assertThrows(StoreException.class, () -> store.apply(append(0)));
            }
            assertTrue(store.apply(append(0)).isCommitted());
            assertEquals(List.of(), monitor.events(StoreEvent.Reconnected.class));
            assertTrue(log.messages().stream().noneMatch(l -> l.contains("lost its connection")),
                    log.messages()::toString);
        }
    }

    /** Retries the append at {@code head} until a call works (the pool may need a moment to connect again). */
    private static WriteResult firstWriteThatWorks(Store store, long head) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return store.apply(append(head));
            } catch (StoreException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no write worked within 60 s of the restart", e);
                }
                LockSupport.parkNanos(50_000_000L); // a retry interval; no timing is asserted
            }
        }
    }

    private static void awaitCommits(WriteLoad load, long atLeast) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (load.commits.get() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("writes did not resume: " + load.commits.get() + " of " + atLeast);
            }
            LockSupport.parkNanos(2_000_000L); // polls the writers' progress; no timing is asserted
        }
    }

    private static WriteBatch append(long head) {
        return WriteBatch.of(new WriteOp.Append(STREAM, head, List.of(new byte[] {7})));
    }
}
