package dev.steadfast.benchmarks.postgresql;

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
 * One writer, one durable append per commit: Steadfast ({@code Steadfast.open("postgresql://...").store()}, an
 * append of one 100-byte entry with its head check) against raw pgjdbc inserting one row in auto-commit.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar PostgresAppendBenchmark -wi 3 -w 5s -i 5 -r 3s -f 1</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PostgresAppendBenchmark {
    private static final StreamId STREAM = StreamId.of("bench-1");

    /** {@code steadfast} or {@code raw}. */
    @Param({"steadfast", "raw"})
    public String impl;

    private final byte[] payload = new byte[100];
    private BenchFixture fixture;
    private Store store;
    private Connection raw;
    private PreparedStatement insert;
    private long head;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        fixture = new BenchFixture();
        if (impl.equals("steadfast")) {
            store = fixture.steadfast(4).store();
        } else {
            raw = fixture.raw();
            insert = raw.prepareStatement("INSERT INTO " + BenchFixture.RAW_JOURNAL
                    + " (stream, seq, payload) VALUES (?, ?, ?)");
        }
    }

    @Benchmark
    public long append() throws SQLException {
        if (store != null) {
            if (!store.apply(WriteBatch.builder().append(STREAM, head, payload).build()).isCommitted()) {
                throw new IllegalStateException("append conflicted at head " + head);
            }
        } else {
            insert.setString(1, STREAM.value());
            insert.setLong(2, head + 1);
            insert.setBytes(3, payload);
            insert.executeUpdate();
        }
        fixture.operations.incrementAndGet();
        return ++head;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        if (raw != null) {
            raw.close();
        }
        fixture.close();
    }
}
