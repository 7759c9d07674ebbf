package dev.steadfast.benchmarks.sqlite;

import dev.steadfast.GroupCommitStats;
import dev.steadfast.Steadfast;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Sixteen writers, each appending one 100-byte entry per call to its own journal, durable (WAL,
 * synchronous=FULL); compare the {@code rows} counter (rows per second):
 * <ul>
 *   <li>{@code steadfast}: {@code Steadfast.open("sqlite:...").store().apply} from 16 threads; core's group
 *       commit hands the queued batches to one {@code applyAll} (one transaction, one fsync); the mean group size
 *       is printed at the end of the trial;</li>
 *   <li>{@code raw-batched}: the same 16 threads take turns on one raw sqlite-jdbc connection, each turn one
 *       transaction of {@code rawRowsPerTx} inserts: raw batching at the group size Steadfast formed (pass the
 *       printed mean with {@code -p rawRowsPerTx=N}). The turn writes the rows a Steadfast group writes: one row
 *       to each of {@code rawRowsPerTx} different writers' journals, taken in rotation, so both sides touch the
 *       same B-tree pages per commit;</li>
 *   <li>{@code raw-batched-one-stream}: as {@code raw-batched}, but every row of a turn goes to the turning
 *       thread's own journal. Fewer pages change per commit (one journal tail instead of one per writer), so on
 *       this disk it commits about 1.4x the rows of {@code raw-batched}; kept to show how much of a comparison
 *       is page locality rather than Steadfast.</li>
 * </ul>
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SqliteGroupCommitBenchmark -wi 3 -w 5s -i 5 -r 3s -f 1</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(16)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SqliteGroupCommitBenchmark {

    /** The shared store or raw connection. */
    @State(Scope.Benchmark)
    public static class Shared {
        /** {@code steadfast}, {@code raw-batched} or {@code raw-batched-one-stream}. */
        @Param({"steadfast", "raw-batched", "raw-batched-one-stream"})
        public String impl;

        /** Rows per raw transaction; ignored by {@code steadfast}. */
        @Param({"14"})
        public int rawRowsPerTx;

        SqliteBench bench;
        Steadfast steadfast;
        Store store;
        Connection raw;
        PreparedStatement insert;
        final ReentrantLock rawLock = new ReentrantLock();
        final AtomicInteger writers = new AtomicInteger();
        // Guarded by rawLock: each writer journal's raw head, and the next journal a raw-batched turn writes.
        final long[] rawHeads = new long[WRITERS];
        int rawNext;

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
            if (steadfast != null) {
                GroupCommitStats stats = steadfast.groupCommitStats();
                System.out.printf("%ngroup commit: %d store calls, %d batches, mean group %.2f, largest %d%n",
                        stats.groups(), stats.batches(), stats.meanGroupSize(), stats.largestGroup());
            }
            bench.close();
        }
    }

    /** One writer's journal and its row counter. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Writer {
        /** Rows made durable; the figure to compare. */
        public long rows;
        StreamId stream;
        int index;
        long head;
        final byte[] payload = new byte[100];

        @Setup(Level.Trial)
        public void setUp(Shared shared) {
            index = shared.writers.getAndIncrement();
            stream = StreamId.of("writer-" + (index + 1));
        }

        @Setup(Level.Iteration)
        public void reset() {
            rows = 0;
        }
    }

    private static final int WRITERS = 16;

    @Benchmark
    public long append(Shared shared, Writer w) throws SQLException {
        if (shared.store != null) {
            if (!shared.store.apply(WriteBatch.builder().append(w.stream, w.head, w.payload).build())
                    .isCommitted()) {
                throw new IllegalStateException("append to " + w.stream + " conflicted at " + w.head);
            }
            w.rows++;
            return ++w.head;
        }
        boolean oneStream = shared.impl.equals("raw-batched-one-stream");
        shared.rawLock.lock();
        try (Statement s = shared.raw.createStatement()) {
            s.execute("BEGIN");
            for (int i = 0; i < shared.rawRowsPerTx; i++) {
                int writer = (oneStream ? w.index : shared.rawNext++) % WRITERS;
                shared.insert.setString(1, "writer-" + (writer + 1));
                shared.insert.setLong(2, ++shared.rawHeads[writer]);
                shared.insert.setBytes(3, w.payload);
                shared.insert.executeUpdate();
            }
            s.execute("COMMIT");
        } finally {
            shared.rawLock.unlock();
        }
        w.rows += shared.rawRowsPerTx;
        return w.rows;
    }
}
