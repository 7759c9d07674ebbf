package dev.steadfast.benchmarks.sqlite;

import dev.steadfast.Steadfast;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One benchmark trial's files: a Steadfast SQLite store and a raw sqlite-jdbc database with the same settings
 * (WAL, synchronous=FULL) and the same journal table shape, in a fresh directory removed afterwards.
 */
final class SqliteBench implements AutoCloseable {
    static final String RAW_SCHEMA = "CREATE TABLE journal (stream TEXT NOT NULL, seq INTEGER NOT NULL,"
            + " payload BLOB NOT NULL, PRIMARY KEY (stream, seq))";
    static final String RAW_FENCES = "CREATE TABLE fences (name TEXT NOT NULL PRIMARY KEY, owner TEXT NOT NULL,"
            + " epoch INTEGER NOT NULL, token TEXT NOT NULL, lease_until INTEGER NOT NULL)";

    final Path dir;
    private final List<AutoCloseable> opened = new ArrayList<>();

    SqliteBench() {
        try {
            Path base = Path.of(System.getProperty("steadfast.bench.dir", System.getProperty("java.io.tmpdir")));
            dir = Files.createTempDirectory(base, "sqlite-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Steadfast as an application opens it, with core's group commit in front of the store. */
    Steadfast steadfast() {
        return steadfast(Steadfast.builder());
    }

    /** Steadfast opened by {@code builder} (a listener, say) on this trial's store file. */
    Steadfast steadfast(Steadfast.Builder builder) {
        Steadfast steadfast = builder.open("sqlite:" + dir.resolve("steadfast.db"));
        opened.add(steadfast);
        return steadfast;
    }

    /** A raw connection in WAL mode with synchronous=FULL and the raw tables created. */
    Connection raw() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("raw.db"));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=5000");
            s.execute(RAW_SCHEMA.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"));
            s.execute(RAW_FENCES.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"));
        }
        opened.add(c);
        return c;
    }

    /** Closes what {@link #steadfast()} and {@link #raw()} handed out, then removes the files. */
    @Override
    public void close() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + c, e);
            }
        }
        opened.clear();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
