package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The server fails under a write load, for real: it crashes and restarts ({@code pg_ctl restart -m immediate}),
 * or the backends serving the store are killed mid-transaction ({@code pg_terminate_backend}). In-flight calls
 * fail with a one-line StoreException (no hang, no raw driver exception); the store reconnects by itself; every
 * acknowledged batch is there afterwards and none is half applied.
 */
class PostgresFaultTest {
    private static final int WRITERS = 4;

    @Test
    void serverCrashAndRestartUnderLoadLosesNoAcknowledgedBatchAndTheStoreReconnects() throws Exception {
        String schema = PgStores.freshSchema("fault");
        try (Store store = PgStores.open(schema, "&statementTimeoutMs=10000&connectTimeoutMs=5000")) {
            WriteLoad load = new WriteLoad(store, WRITERS);
            try (load) {
                awaitCommits(load.commits::get, 100);
                PostgresServer.shared().restartImmediate();
                long afterRestart = load.commits.get();
                awaitCommits(load.commits::get, afterRestart + 100);
            }
            assertTrue(load.failures.size() > 0, "the crash should have failed some in-flight call");
            assertEquals(List.of(), load.violations());
            System.out.println("restart under load: " + load.commits.get() + " commits, " + load.failures.size()
                    + " calls failed, e.g. " + load.failures.get(0).getMessage());
        }
    }

    @Test
    void backendsKilledMidTransactionFailOnlyTheirCallsAndNothingIsHalfApplied() throws Exception {
        String schema = PgStores.freshSchema("fault");
        try (Store store = PgStores.open(schema, "&statementTimeoutMs=10000")) {
            WriteLoad load = new WriteLoad(store, WRITERS);
            int killed = 0;
            try (load) {
                awaitCommits(load.commits::get, 50);
                for (int round = 0; round < 20; round++) {
                    killed += PostgresServer.shared().terminateBackends(
                            "application_name = 'steadfast' AND xact_start IS NOT NULL");
                    long now = load.commits.get();
                    awaitCommits(load.commits::get, now + 10);
                }
            }
            assertTrue(killed > 0, "no backend was caught in a transaction");
            assertTrue(load.failures.size() > 0, "killing backends mid-transaction should fail some calls");
            assertEquals(List.of(), load.violations());
            System.out.println("pg_terminate_backend under load: " + killed + " backends killed, "
                    + load.commits.get() + " commits, " + load.failures.size() + " calls failed, e.g. "
                    + load.failures.get(0).getMessage());
        }
    }

    private static void awaitCommits(LongSupplier commits, long atLeast) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (commits.getAsLong() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("writes did not resume: " + commits.getAsLong() + " of " + atLeast);
            }
            LockSupport.parkNanos(2_000_000L); // poll interval of the writers' progress
        }
    }
}
