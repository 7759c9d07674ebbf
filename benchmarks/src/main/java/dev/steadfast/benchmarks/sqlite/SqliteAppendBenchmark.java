package dev.steadfast.benchmarks.sqlite;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One writer appending one 100-byte entry per durable commit (WAL, synchronous=FULL), in appends per second:
 * {@code steadfast} through {@code Steadfast.open("sqlite:...").store()} (a guarded append: BEGIN IMMEDIATE, head
 * read, insert, head update, COMMIT) against {@code raw}, one auto-commit sqlite-jdbc insert into a table of the
 * same shape.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SqliteAppendBenchmark -wi 3 -w 5s -i 5 -r 3s -f 1</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class SqliteAppendBenchmark {
    private static final StreamId STREAM = StreamId.of("bench/append");

    /** {@code steadfast} or {@code raw}. */
    @Param({"steadfast", "raw"})
    public String impl;

    private SqliteBench bench;
    private Steadfast steadfast;
    private Store store;
    private Connection raw;
    private PreparedStatement insert;
    private final byte[] payload = new byte[100];
    private long head;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        bench = new SqliteBench();
        if (impl.equals("steadfast")) {
            steadfast = bench.steadfast();
            store = steadfast.store();
        } else {
            raw = bench.raw();
            insert = raw.prepareStatement("INSERT INTO journal (stream, seq, payload) VALUES (?, ?, ?)");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        bench.close();
    }

    @Benchmark
    public long append() throws SQLException {
        if (store != null) {
            if (!store.apply(WriteBatch.builder().append(STREAM, head, payload).build()).isCommitted()) {
                throw new IllegalStateException("append conflicted at " + head);
            }
        } else {
            insert.setString(1, STREAM.value());
            insert.setLong(2, head + 1);
            insert.setBytes(3, payload);
            insert.executeUpdate();
        }
        return ++head;
    }
}
