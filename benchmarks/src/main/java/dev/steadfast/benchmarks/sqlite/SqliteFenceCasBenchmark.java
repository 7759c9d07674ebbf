package dev.steadfast.benchmarks.sqlite;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Store;
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
 * Fence compare-and-set, one writer, durable: each call raises the epoch by one if it is still the expected one.
 * {@code steadfast}: {@code apply(SetFence(epoch + 1, expected epoch))}; {@code raw}: an auto-commit
 * {@code UPDATE fences SET ... WHERE name = ? AND epoch = ?} on sqlite-jdbc, checked to have updated one row.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SqliteFenceCasBenchmark -wi 3 -w 5s -i 5 -r 3s -f 1</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class SqliteFenceCasBenchmark {
    private static final String NAME = "bench/leader";

    /** {@code steadfast} or {@code raw}. */
    @Param({"steadfast", "raw"})
    public String impl;

    private SqliteBench bench;
    private Steadfast steadfast;
    private Store store;
    private Connection raw;
    private PreparedStatement update;
    private long epoch;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        bench = new SqliteBench();
        if (impl.equals("steadfast")) {
            steadfast = bench.steadfast();
            store = steadfast.store();
        } else {
            raw = bench.raw();
            try (PreparedStatement ins = raw.prepareStatement("INSERT INTO fences VALUES (?, 'owner', 0, '', 0)")) {
                ins.setString(1, NAME);
                ins.executeUpdate();
            }
            update = raw.prepareStatement("UPDATE fences SET owner = ?, epoch = ?, token = ?, lease_until = ?"
                    + " WHERE name = ? AND epoch = ?");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        bench.close();
    }

    @Benchmark
    public long compareAndSet() throws SQLException {
        long next = epoch + 1;
        if (store != null) {
            Fence f = new Fence(NAME, "owner", next, "token", Long.MAX_VALUE);
            if (!store.apply(WriteBatch.builder().setFence(f, epoch).build()).isCommitted()) {
                throw new IllegalStateException("fence CAS lost at epoch " + epoch);
            }
        } else {
            update.setString(1, "owner");
            update.setLong(2, next);
            update.setString(3, "token");
            update.setLong(4, Long.MAX_VALUE);
            update.setString(5, NAME);
            update.setLong(6, epoch);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("raw fence CAS lost at epoch " + epoch);
            }
        }
        epoch = next;
        return epoch;
    }
}
