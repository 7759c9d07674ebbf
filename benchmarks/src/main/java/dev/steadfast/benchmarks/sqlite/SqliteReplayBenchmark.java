package dev.steadfast.benchmarks.sqlite;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Replay of a 100,000-entry journal (100-byte entries), in entries per second: {@code steadfast} reads it through
 * {@code store().readJournal(stream, 1)} (a lazy stream over a cursor), {@code raw} runs the ordered SELECT on a
 * raw sqlite-jdbc connection over a table of the same shape and reads every row's sequence and bytes.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SqliteReplayBenchmark -wi 3 -w 5s -i 5 -r 3s -f 1</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class SqliteReplayBenchmark {
    static final int ENTRIES = 100_000;
    private static final StreamId STREAM = StreamId.of("bench/replay");

    /** {@code steadfast} or {@code raw}. */
    @Param({"steadfast", "raw"})
    public String impl;

    private SqliteBench bench;
    private Steadfast steadfast;
    private Store store;
    private Connection raw;
    private PreparedStatement select;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        bench = new SqliteBench();
        byte[] payload = new byte[100];
        if (impl.equals("steadfast")) {
            steadfast = bench.steadfast();
            store = steadfast.store();
            for (long head = 0; head < ENTRIES; head += 10_000) {
                List<byte[]> payloads = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    payloads.add(payload);
                }
                store.apply(WriteBatch.builder().append(STREAM, head, payloads).build());
            }
        } else {
            raw = bench.raw();
            raw.setAutoCommit(false);
            try (PreparedStatement ins = raw.prepareStatement(
                    "INSERT INTO journal (stream, seq, payload) VALUES (?, ?, ?)")) {
                for (int i = 1; i <= ENTRIES; i++) {
                    ins.setString(1, STREAM.value());
                    ins.setLong(2, i);
                    ins.setBytes(3, payload);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            raw.commit();
            raw.setAutoCommit(true);
            select = raw.prepareStatement("SELECT seq, payload FROM journal WHERE stream = ? ORDER BY seq");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        bench.close();
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void replay(Blackhole bh) throws SQLException {
        long n = 0;
        if (store != null) {
            try (Stream<Entry> entries = store.readJournal(STREAM, 1)) {
                Iterator<Entry> it = entries.iterator();
                while (it.hasNext()) {
                    Entry e = it.next();
                    bh.consume(e.payload());
                    n = e.sequence();
                }
            }
        } else {
            select.setString(1, STREAM.value());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    n = rs.getLong(1);
                    bh.consume(rs.getBytes(2));
                }
            }
        }
        if (n != ENTRIES) {
            throw new IllegalStateException("replayed up to " + n + ", expected " + ENTRIES);
        }
    }
}
