package dev.steadfast.backend.postgresql;

import org.junit.jupiter.api.Assumptions;

/**
 * The one server per test JVM behind {@link PostgresServer#shared()}, stopped by a shutdown hook. A failed start
 * is remembered, so the loud line is printed once and later tests skip (or fail on CI) at once.
 */
final class SharedPostgres {
    private static PostgresServer server;
    private static String failure;

    private SharedPostgres() {
    }

    static synchronized PostgresServer get() {
        if (server == null && failure == null) {
            try {
                server = PostgresServer.start();
                PostgresServer started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-test-postgres"));
            } catch (RuntimeException e) {
                failure = e.getMessage();
                System.err.println("!!!!! PostgreSQL tests " + (onCi() ? "FAIL" : "SKIPPED")
                        + ": cannot start a throwaway server: " + failure.lines().findFirst().orElse("")
                        + " (install Debian's postgresql package; with CI=true this is a failure)");
            }
        }
        if (failure != null) {
            if (onCi()) {
                throw new IllegalStateException("CI=true and no PostgreSQL server could be started: " + failure);
            }
            Assumptions.abort("no PostgreSQL server could be started: " + failure);
        }
        return server;
    }

    private static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
