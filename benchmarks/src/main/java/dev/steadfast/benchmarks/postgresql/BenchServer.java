package dev.steadfast.benchmarks.postgresql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PostgreSQL server a benchmark runs against. With {@code -Dsteadfast.bench.pg=host:port} (trust or
 * {@code PGPASSWORD}-free access for user {@code postgres}, database {@code postgres}) it uses that server;
 * otherwise it starts a throwaway one like the backend's test fixture: {@code initdb} into a temporary directory
 * and {@code pg_ctl start} on a free loopback port with the server's default durability settings (fsync on,
 * synchronous_commit on), run as the {@code postgres} OS user when the JVM runs as root.
 */
public final class BenchServer implements AutoCloseable {
    private final String hostPort;
    private final Path base;
    private final List<String> asUser;
    private final Path bin;

    private BenchServer(String hostPort, Path base, List<String> asUser, Path bin) {
        this.hostPort = hostPort;
        this.base = base;
        this.asUser = asUser;
        this.bin = bin;
    }

    public static BenchServer start() {
        String given = System.getProperty("steadfast.bench.pg");
        if (given != null) {
            return new BenchServer(given, null, List.of(), null);
        }
        Path bin = newestBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> asUser = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
        try {
            Path base = Files.createTempDirectory("steadfast-bench-pg-");
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path data = Files.createDirectories(base.resolve("data"));
            if (root) {
                Files.setOwner(data, base.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres"));
                Files.setOwner(base, data.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres"));
            }
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                port = s.getLocalPort();
            }
            BenchServer server = new BenchServer("127.0.0.1:" + port, base, asUser, bin);
            server.run("initdb", "-D", data.toString(), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                    "--locale=C", "--no-sync");
            server.run("pg_ctl", "-D", data.toString(), "-l", base.resolve("server.log").toString(), "-w", "-t",
                    "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + base
                            + " -c max_connections=200", "start");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a PostgreSQL server for the benchmark", e);
        }
    }

    private static Path newestBin() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no /usr/lib/postgresql/<version>/bin: install "
                            + "the postgresql package or pass -Dsteadfast.bench.pg=host:port"));
        } catch (IOException e) {
            throw new IllegalStateException("no /usr/lib/postgresql: install the postgresql package or pass "
                    + "-Dsteadfast.bench.pg=host:port", e);
        }
    }

    private void run(String tool, String... args) {
        List<String> command = new ArrayList<>(asUser);
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(base.resolve(tool + ".out").toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(tool + " failed: " + command + ", see " + base);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostPort + "/postgres?user=postgres";
    }

    public String storeUri(String schema, int poolSize) {
        return "postgresql://" + hostPort + "/postgres?user=postgres&schema=" + schema + "&poolSize=" + poolSize;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    /** Runs DDL or any statement without a result. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("benchmark setup failed: " + e, e);
        }
    }

    String version() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        if (base == null) {
            return;
        }
        try {
            run("pg_ctl", "-D", base.resolve("data").toString(), "-w", "-m", "fast", "stop");
        } finally {
            try (Stream<Path> paths = Files.walk(base)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
