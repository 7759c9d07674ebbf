package dev.steadfast.benchmarks.postgresql;

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
 * Fence compare-and-set, one durable commit each: Steadfast's {@code SetFence(epoch + 1, expected epoch)} against
 * raw pgjdbc's {@code UPDATE ... WHERE name = ? AND epoch = ?} in auto-commit.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar PostgresFenceCasBenchmark -wi 3 -w 5s -i 5 -r 3s -f 1</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PostgresFenceCasBenchmark {
    private static final String FENCE = "bench-leader";

    /** {@code steadfast} or {@code raw}. */
    @Param({"steadfast", "raw"})
    public String impl;

    private BenchFixture fixture;
    private Store store;
    private Connection raw;
    private PreparedStatement cas;
    private long epoch;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        fixture = new BenchFixture();
        if (impl.equals("steadfast")) {
            store = fixture.steadfast(4).store();
        } else {
            raw = fixture.raw();
            fixture.server.execute("INSERT INTO " + BenchFixture.RAW_FENCES + " VALUES ('" + FENCE + "', '', 0, '', 0)");
            cas = raw.prepareStatement("UPDATE " + BenchFixture.RAW_FENCES
                    + " SET owner = ?, epoch = ?, token = ?, lease_until = ? WHERE name = ? AND epoch = ?");
        }
    }

    @Benchmark
    public long compareAndSet() throws SQLException {
        String owner = (epoch & 1) == 0 ? "node-a" : "node-b";
        if (store != null) {
            Fence next = new Fence(FENCE, owner, epoch + 1, "token", Long.MAX_VALUE);
            if (!store.apply(WriteBatch.builder().setFence(next, epoch).build()).isCommitted()) {
                throw new IllegalStateException("fence CAS lost at epoch " + epoch);
            }
        } else {
            cas.setString(1, owner);
            cas.setLong(2, epoch + 1);
            cas.setString(3, "token");
            cas.setLong(4, Long.MAX_VALUE);
            cas.setString(5, FENCE);
            cas.setLong(6, epoch);
            if (cas.executeUpdate() != 1) {
                throw new IllegalStateException("raw CAS lost at epoch " + epoch);
            }
        }
        fixture.operations.incrementAndGet();
        return ++epoch;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        if (raw != null) {
            raw.close();
        }
        fixture.close();
    }
}
