package dev.steadfast.benchmarks.postgresql;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replay of a 100,000-entry journal (100-byte entries), in entries per second: Steadfast's lazy
 * {@code readJournal} stream against raw pgjdbc running the ordered {@code SELECT} over the same table with the
 * same fetch size (a cursor inside a transaction; pgjdbc would otherwise load every row at once).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar PostgresReplayBenchmark -wi 3 -w 5s -i 5 -r 3s -f 1</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PostgresReplayBenchmark {
    private static final int ENTRIES = 100_000;
    private static final StreamId STREAM = StreamId.of("replayed");

    /** {@code steadfast} or {@code raw}. */
    @Param({"steadfast", "raw"})
    public String impl;

    private BenchFixture fixture;
    private Store store;
    private Connection raw;
    private PreparedStatement select;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        fixture = new BenchFixture();
        store = fixture.steadfast(4).store();
        for (int head = 0; head < ENTRIES; head += 1_000) {
            List<byte[]> payloads = new ArrayList<>(1_000);
            for (int i = 0; i < 1_000; i++) {
                payloads.add(new byte[100]);
            }
            store.apply(WriteBatch.builder().append(STREAM, head, payloads).build());
        }
        fixture.server.execute("VACUUM ANALYZE " + BenchFixture.SCHEMA + ".journal");
        if (impl.equals("raw")) {
            raw = fixture.raw();
            raw.setAutoCommit(false);
            select = raw.prepareStatement("SELECT seq, payload FROM " + BenchFixture.SCHEMA
                    + ".journal WHERE stream = ? AND seq >= ? ORDER BY seq");
            select.setFetchSize(512);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public long replay() throws SQLException {
        long bytes = 0;
        long count = 0;
        if (raw == null) {
            try (Stream<Entry> entries = store.readJournal(STREAM, 1)) {
                for (Entry e : (Iterable<Entry>) entries::iterator) {
                    bytes += e.payload().length + e.sequence();
                    count++;
                }
            }
        } else {
            select.setString(1, STREAM.value());
            select.setLong(2, 1);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    bytes += rs.getBytes(2).length + rs.getLong(1);
                    count++;
                }
            }
            raw.commit();
        }
        if (count != ENTRIES) {
            throw new IllegalStateException("replayed " + count + " entries, expected " + ENTRIES);
        }
        fixture.operations.addAndGet(count);
        return bytes;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        if (raw != null) {
            raw.close();
        }
        fixture.close();
    }
}
