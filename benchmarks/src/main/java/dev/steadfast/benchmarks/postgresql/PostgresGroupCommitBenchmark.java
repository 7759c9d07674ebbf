package dev.steadfast.benchmarks.postgresql;

import dev.steadfast.benchmarks.WriterBatches;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Sixteen writers, each appending one 100-byte entry per call to its own journal, in rows per second:
 * <ul>
 *   <li>{@code steadfast}: through core's group commit, which hands the queued batches to the backend's
 *       {@code applyAll} (one transaction, one WAL flush, a savepoint per batch); the mean group size is
 *       printed at the end of the trial;</li>
 *   <li>{@code steadfast-unnest} (not in the default list): the same with the JDBC store's one-statement group
 *       append switched on, so a group goes as one {@code unnest} statement instead of one JDBC batch of one
 *       statement per append, to compare the two in one run
 *       ({@code benchmarks/alternate.sh -r steadfast -s steadfast-unnest PostgresGroupCommitBenchmark});</li>
 *   <li>{@code steadfast-guarded}: the same, each append guarded by a fence its writer holds ({@code guardFence}),
 *       as a durable session's appends are;</li>
 *   <li>{@code raw-autocommit}: 16 raw pgjdbc clients, one insert per auto-commit transaction;</li>
 *   <li>{@code raw-100-per-tx}: 16 raw pgjdbc clients, each committing every 100 inserted rows.</li>
 * </ul>
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar PostgresGroupCommitBenchmark -wi 3 -w 5s -i 5 -r 3s -f 1
 * java -jar benchmarks/target/benchmarks.jar PostgresGroupCommitBenchmark -p impl=steadfast -p groupsInFlight=4,8 ...</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(16)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PostgresGroupCommitBenchmark {

    /** The shared server and store. */
    @State(Scope.Benchmark)
    public static class Shared {
        /**
         * {@code steadfast}, {@code steadfast-unnest}, {@code steadfast-guarded}, {@code raw-autocommit} or
         * {@code raw-100-per-tx}.
         */
        @Param({"steadfast", "steadfast-guarded", "raw-autocommit", "raw-100-per-tx"})
        public String impl;

        /**
         * Groups core's group commit may have in flight at once ({@code GroupCommitSettings.withMaxGroupsInFlight});
         * only the {@code steadfast} cases use it. The pool has at least as many connections.
         */
        @Param({"1"})
        public int groupsInFlight;

        BenchFixture fixture;
        Store store;
        final AtomicInteger writers = new AtomicInteger();

        @Setup(Level.Trial)
        public void setUp() {
            fixture = new BenchFixture();
            if (impl.startsWith("steadfast")) {
                store = WriterBatches.open(impl.equals("steadfast-unnest"),
                        () -> fixture.steadfast(Math.max(8, groupsInFlight), groupsInFlight).store());
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            fixture.close();
        }
    }

    /** One writer's journal and, for the raw cases, its own connection. */
    @State(Scope.Thread)
    public static class Writer {
        StreamId stream;
        long head;
        String fence; // null when unguarded
        Connection raw;
        PreparedStatement insert;
        int rowsPerCommit;
        final byte[] payload = new byte[100];

        @Setup(Level.Trial)
        public void setUp(Shared shared) throws SQLException {
            stream = StreamId.of("writer-" + shared.writers.incrementAndGet());
            if (shared.impl.equals("steadfast-guarded")) {
                fence = WriterBatches.takeFence(shared.store, stream);
            }
            if (shared.store == null) {
                raw = shared.fixture.raw();
                rowsPerCommit = shared.impl.equals("raw-100-per-tx") ? 100 : 1;
                raw.setAutoCommit(rowsPerCommit == 1);
                insert = raw.prepareStatement("INSERT INTO " + BenchFixture.RAW_JOURNAL
                        + " (stream, seq, payload) VALUES (?, ?, ?)");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (raw != null) {
                try {
                    raw.close();
                } catch (SQLException ignored) {
                    // JMH may stop the shared server first; an uncommitted tail of rows is not measured anyway
                }
            }
        }
    }

    @Benchmark
    public long append(Shared shared, Writer w) throws SQLException {
        if (shared.store != null) {
            if (!shared.store.apply(WriterBatches.append(w.stream, w.head, w.payload, w.fence)).isCommitted()) {
                throw new IllegalStateException("append to " + w.stream + " conflicted at " + w.head);
            }
        } else {
            w.insert.setString(1, w.stream.value());
            w.insert.setLong(2, w.head + 1);
            w.insert.setBytes(3, w.payload);
            w.insert.executeUpdate();
            if (w.rowsPerCommit > 1 && (w.head + 1) % w.rowsPerCommit == 0) {
                w.raw.commit();
            }
        }
        shared.fixture.operations.incrementAndGet();
        return ++w.head;
    }
}
