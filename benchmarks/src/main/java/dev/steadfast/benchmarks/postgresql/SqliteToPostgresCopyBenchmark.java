package dev.steadfast.benchmarks.postgresql;

import dev.steadfast.lifecycle.CopyOptions;
import dev.steadfast.lifecycle.StoreCopy;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code steadfast copy} from SQLite to PostgreSQL ({@link StoreCopy}, 500 entries per batch, with its final
 * digest verification) against raw JDBC reading the same rows from a plain SQLite table and batch-inserting them
 * (500 per batch, one transaction each) into a plain PostgreSQL table, in the same run: 20 journals of 1,000
 * 100-byte entries. Each invocation copies into a fresh schema or table. Report the ratio of the two times.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SqliteToPostgresCopyBenchmark -wi 2 -i 5 -f 1</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class SqliteToPostgresCopyBenchmark {
    private static final int STREAMS = 20;
    private static final int ENTRIES = 1_000;
    private static final int BATCH = 500;
    private final AtomicInteger round = new AtomicInteger();
    private BenchServer server;
    private Path dir;
    private dev.steadfast.Steadfast sourceStore;
    private Store source;
    private Connection rawSource;

    /** Fills a Steadfast SQLite store and a plain SQLite table with the same entries. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        server = BenchServer.start();
        dir = Files.createTempDirectory("copy-bench");
        sourceStore = dev.steadfast.Steadfast.open("sqlite:" + dir.resolve("source.db"));
        source = sourceStore.store();
        rawSource = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("raw.db"));
        try (Statement s = rawSource.createStatement()) {
            s.execute("CREATE TABLE journal (stream TEXT NOT NULL, seq INTEGER NOT NULL, payload BLOB NOT NULL, "
                    + "PRIMARY KEY (stream, seq))");
        }
        rawSource.setAutoCommit(false);
        byte[] payload = new byte[100];
        try (PreparedStatement insert = rawSource.prepareStatement("INSERT INTO journal VALUES (?, ?, ?)")) {
            for (int s = 0; s < STREAMS; s++) {
                StreamId stream = StreamId.of("bench/" + s);
                List<byte[]> payloads = new ArrayList<>();
                for (int i = 1; i <= ENTRIES; i++) {
                    payloads.add(payload);
                    insert.setString(1, stream.value());
                    insert.setLong(2, i);
                    insert.setBytes(3, payload);
                    insert.addBatch();
                }
                source.apply(WriteBatch.builder().append(stream, 0, payloads).build());
                insert.executeBatch();
            }
        }
        rawSource.commit();
    }

    /** Steadfast: the whole copy, verification included, into a fresh schema. */
    @Benchmark
    public long steadfastCopy() {
        try (dev.steadfast.Steadfast target =
                     dev.steadfast.Steadfast.open(server.storeUri("copy_" + round.incrementAndGet(), 2))) {
            return StoreCopy.run(source, target.store(), CopyOptions.defaults().withBatchSize(BATCH)).entries();
        }
    }

    /** Baseline: raw JDBC read from SQLite and batch insert into a fresh PostgreSQL table. */
    @Benchmark
    public long rawJdbcCopy() throws SQLException {
        String table = "raw_copy_" + round.incrementAndGet();
        server.execute("CREATE TABLE " + table + " (stream TEXT COLLATE \"C\" NOT NULL, seq BIGINT NOT NULL, "
                + "payload BYTEA NOT NULL, PRIMARY KEY (stream, seq))");
        long copied = 0;
        try (Connection target = server.connect();
             Statement read = rawSource.createStatement();
             ResultSet rows = read.executeQuery("SELECT stream, seq, payload FROM journal ORDER BY stream, seq");
             PreparedStatement insert = target.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
            target.setAutoCommit(false);
            while (rows.next()) {
                insert.setString(1, rows.getString(1));
                insert.setLong(2, rows.getLong(2));
                insert.setBytes(3, rows.getBytes(3));
                insert.addBatch();
                if (++copied % BATCH == 0) {
                    insert.executeBatch();
                    target.commit();
                }
            }
            insert.executeBatch();
            target.commit();
        }
        return copied;
    }

    /** Closes the sources and the server. */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        rawSource.close();
        sourceStore.close();
        server.close();
    }
}
