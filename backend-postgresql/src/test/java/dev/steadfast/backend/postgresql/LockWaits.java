package dev.steadfast.backend.postgresql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.LockSupport;

/** Watches the server for backends waiting on a row lock, so a test knows a race is set up without sleeping. */
final class LockWaits {
    private LockWaits() {
    }

    /** Returns once at least one backend of the test database waits on a lock, or fails after 10 s. */
    static void awaitOneWaiter() throws SQLException {
        awaitWaiters(1);
    }

    /** Returns once at least {@code count} backends of the test database wait on a lock, or fails after 10 s. */
    static void awaitWaiters(int count) throws SQLException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        try (Connection c = PostgresServer.shared().connect(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                        + PostgresServer.DATABASE + "' AND wait_event_type = 'Lock'")) {
                    rs.next();
                    if (rs.getInt(1) >= count) {
                        return;
                    }
                }
                LockSupport.parkNanos(5_000_000L); // poll interval of a real server's state
            }
        }
        throw new AssertionError("fewer than " + count + " backends waited on a lock within 10 s");
    }
}
