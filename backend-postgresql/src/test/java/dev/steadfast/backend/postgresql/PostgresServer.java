package dev.steadfast.backend.postgresql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: {@code initdb} into a temporary directory (trust authentication on
 * loopback, fsync on), {@code pg_ctl start} on a free port of 127.0.0.1, one database; stopped and deleted when
 * the JVM exits. Runs as the {@code postgres} OS user when the JVM runs as root, because the server refuses root.
 *
 * <p>Tests use {@link #shared()}: one server per test JVM keeps a module's run fast. Where no server can be
 * started, {@code shared()} skips the test with one loud line, or fails it when the environment has
 * {@code CI=true}, so CI never silently skips the PostgreSQL proof.
 */
public final class PostgresServer implements AutoCloseable {
    /** The database {@link #shared()} creates for tests. */
    public static final String DATABASE = "steadfast";
    private static final String HOST = "127.0.0.1";
    private static final String SUPERUSER = "postgres";

    private final PgCommands pg;
    private final Path base;
    private final Path data;
    private final Path run;
    private final int port;
    private final TestCertificates tls;
    private volatile boolean stopped;

    private PostgresServer(PgCommands pg, Path base, int port, TestCertificates tls) {
        this.pg = pg;
        this.base = base;
        this.data = base.resolve("data");
        this.run = base.resolve("run");
        this.port = port;
        this.tls = tls;
    }

    /** The server shared by this JVM's tests, started on first use; skips (or fails on CI) if it cannot start. */
    public static PostgresServer shared() {
        return SharedPostgres.get();
    }

    /**
     * Starts a new server with database {@link #DATABASE}.
     *
     * @throws IllegalStateException if no PostgreSQL binaries are installed or the server does not come up
     */
    public static PostgresServer start() {
        return start(null);
    }

    /**
     * Starts a new server with {@code ssl=on} serving {@code certs}' server certificate, trusting {@code certs}' CA
     * for client certificates, and requiring one from {@link TestCertificates#CLIENT_USER} (a superuser); every
     * other user is trusted over TLS or not, as on {@link #start()}.
     *
     * @throws IllegalStateException if no PostgreSQL binaries are installed or the server does not come up
     */
    public static PostgresServer startWithTls(TestCertificates certs) {
        PostgresServer server = start(certs);
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + TestCertificates.CLIENT_USER + " LOGIN SUPERUSER");
        } catch (SQLException e) {
            server.close();
            throw new IllegalStateException("cannot create role " + TestCertificates.CLIENT_USER + ": " + e, e);
        }
        return server;
    }

    private static PostgresServer start(TestCertificates tls) {
        PgCommands pg = PgCommands.locate().orElseThrow(() -> new IllegalStateException(
                "no PostgreSQL server binaries found (looked at -Dsteadfast.pg.bin, $PG_BIN, /usr/lib/postgresql/*/bin)"));
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            PostgresServer server = null;
            try {
                server = new PostgresServer(pg, tempBase(), freePort(), tls);
                server.initAndStart();
                server.createDatabase(DATABASE);
                return server;
            } catch (IllegalStateException | UncheckedIOException e) {
                last = e instanceof IllegalStateException ise ? ise : new IllegalStateException(e.getMessage(), e);
                if (server != null) {
                    server.close();
                }
            }
        }
        throw last;
    }

    private void initAndStart() {
        try {
            Files.createDirectories(data);
            Files.createDirectories(run);
            if (pg.runsAsServerUser()) {
                UserPrincipal owner = base.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(pg.serverUser());
                Files.setOwner(data, owner);
                Files.setOwner(run, owner);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + base + " for PostgreSQL", e);
        }
        pg.run(120, "initdb", "-D", data.toString(), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8",
                "--locale=C", "--no-sync");
        if (tls != null) {
            installTls();
        }
        startStopped();
    }

    /**
     * Stops the server at once ({@code pg_ctl stop -m immediate}) and keeps its data: every connection drops and
     * new ones are refused until {@link #startStopped()}.
     */
    public void stopImmediate() {
        pg.run(60, "pg_ctl", "-D", data.toString(), "-w", "-t", "30", "-m", "immediate", "stop");
    }

    /** Starts the server on its data directory and port; returns once it accepts connections. */
    public void startStopped() {
        pg.run(120, "pg_ctl", "-D", data.toString(), "-l", run.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", serverOptions(), "start");
        awaitConnectable(30_000);
    }

    private String serverOptions() {
        return "-p " + port + " -c listen_addresses=" + HOST + " -c unix_socket_directories=" + run
                + " -c fsync=on -c synchronous_commit=on -c wal_sync_method=fsync -c max_connections=300"
                // no autovacuum: the kit makes a schema per test, and the catalogs' churn keeps autovacuum workers
                // analyzing them; an ANALYZE holds a snapshot, so a test's own VACUUM (the store's reclaimSpace)
                // could not free rows deleted meanwhile (seen once in CI as a refilled journal growing by a round)
                + " -c autovacuum=off"
                + (tls == null ? "" : " -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key"
                        + " -c ssl_ca_file=ca.crt");
    }

    /** Certificates into the data directory (the key owner-only, as the server demands) and a cert-auth rule. */
    private void installTls() {
        try {
            Files.copy(tls.serverCert(), data.resolve("server.crt"));
            Files.copy(tls.serverKey(), data.resolve("server.key"));
            Files.copy(tls.caCert(), data.resolve("ca.crt"));
            Files.setPosixFilePermissions(data.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
            if (pg.runsAsServerUser()) {
                UserPrincipal owner = base.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(pg.serverUser());
                for (String f : new String[] {"server.crt", "server.key", "ca.crt"}) {
                    Files.setOwner(data.resolve(f), owner);
                }
            }
            Path hba = data.resolve("pg_hba.conf");
            // first match wins: the certificate user must present a certificate, everyone else is trusted
            Files.writeString(hba, "hostssl all " + TestCertificates.CLIENT_USER + " " + HOST + "/32 cert\n"
                    + "host all " + TestCertificates.CLIENT_USER + " " + HOST + "/32 reject\n" + Files.readString(hba));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install TLS files into " + data, e);
        }
    }

    /** Loopback address the server listens on. */
    public String host() {
        return HOST;
    }

    /** The TCP port the server listens on. */
    public int port() {
        return port;
    }

    /** JDBC URL of {@code database} for the superuser (no password: trust on loopback). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database + "?user=" + SUPERUSER;
    }

    /** A Steadfast store URI for {@code schema} in {@link #DATABASE}. */
    public String storeUri(String schema) {
        return "postgresql://" + HOST + ":" + port + "/" + DATABASE + "?schema=" + schema + "&user=" + SUPERUSER;
    }

    /** A new superuser connection to {@link #DATABASE}; close it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(DATABASE));
    }

    /** Creates a database. */
    public void createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on port " + port + ": " + e, e);
        }
    }

    /** The server's version, as {@code SHOW server_version} reports it. */
    public String serverVersion() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server version: " + e, e);
        }
    }

    /**
     * Crashes and restarts the server ({@code pg_ctl restart -m immediate}): every connection drops, uncommitted
     * transactions are lost, committed ones come back through WAL recovery. Returns once it accepts connections.
     */
    public void restartImmediate() {
        pg.run(120, "pg_ctl", "-D", data.toString(), "-l", run.resolve("server.log").toString(), "-w", "-t", "60",
                "-m", "immediate", "-o", serverOptions(), "restart");
        awaitConnectable(30_000);
    }

    /**
     * Terminates the server backends matching {@code condition}, an SQL condition over {@code pg_stat_activity}
     * (for example {@code "application_name = 'x'"}), other than the one running this statement.
     *
     * @return how many backends were signalled
     */
    public int terminateBackends(String condition) {
        String sql = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                + " AND backend_type = 'client backend' AND (" + condition + ")";
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot terminate backends where " + condition + ": " + e, e);
        }
    }

    /** Terminates every client backend connected to {@link #DATABASE} but the caller's. */
    public int terminateAllBackends() {
        return terminateBackends("datname = '" + DATABASE + "'");
    }

    private void awaitConnectable(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres") + "&connectTimeout=5")) {
                if (c.isValid(5)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
            }
            LockSupport.parkNanos(20_000_000L); // poll interval, not a wait for an outcome
        }
        throw new IllegalStateException("PostgreSQL on port " + port + " did not accept connections within "
                + timeoutMillis + " ms: " + last);
    }

    /** Stops the server and deletes its directory; idempotent. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                pg.run(60, "pg_ctl", "-D", data.toString(), "-w", "-t", "30", "-m", "immediate", "stop");
            } catch (RuntimeException e) {
                System.err.println("could not stop PostgreSQL on port " + port + ": " + e.getMessage());
            }
        }
        deleteRecursively(base);
    }

    private static Path tempBase() {
        try {
            Path base = Files.createTempDirectory("steadfast-pg-");
            // the postgres user must traverse into its data directory; nothing secret lives here
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for PostgreSQL", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
