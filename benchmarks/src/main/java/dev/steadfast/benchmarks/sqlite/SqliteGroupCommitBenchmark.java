package dev.steadfast.benchmarks.sqlite;

import dev.steadfast.GroupCommitStats;
import dev.steadfast.Steadfast;
import dev.steadfast.benchmarks.WriterBatches;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Sixteen writers, each appending one 100-byte entry per call to its own journal, durable (WAL,
 * synchronous=FULL), against raw batching of the same rows; compare rows per second:
 * <ul>
 *   <li>{@code steadfast} (16 threads): {@code Steadfast.open("sqlite:...").store().apply}; core's group commit
 *       hands the queued batches to one {@code applyAll} (one transaction, one fsync). Score = rows/s; the mean
 *       group size is printed at the end of the trial;</li>
 *   <li>{@code steadfast-guarded}: the same, each append guarded by a fence its writer holds ({@code guardFence}),
 *       as a durable session's appends are;</li>
 *   <li>{@code raw-batched} (run with {@code -t 1}): one thread on one raw sqlite-jdbc connection, each operation
 *       one transaction of {@code rawRowsPerTx} inserts, one row to each of that many writers' journals taken in
 *       rotation: the rows a Steadfast group of that size writes, so both sides touch the same B-tree pages per
 *       commit. Score x {@code rawRowsPerTx} = rows/s; pass the group size Steadfast formed;</li>
 *   <li>{@code raw-batched-one-stream} (with {@code -t 1}): every row of a transaction to one journal: one journal
 *       tail changes per commit instead of one per writer, which on this disk commits about 1.4x the rows of
 *       {@code raw-batched}; kept to show how much of such a comparison is page locality.</li>
 * </ul>
 * The raw baselines refuse to run with more than one thread: sixteen threads taking turns on one connection form
 * a lock convoy, and JMH, which divides each thread's operations by that thread's own measured time, then
 * reported raw scores up to ten times what the connection committed (one run: 5,605 rows/s from 202 transactions/s
 * of 16 rows).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SqliteGroupCommitBenchmark -p impl=steadfast -wi 3 -w 5s -i 5 -r 3s -f 1
 * java -jar benchmarks/target/benchmarks.jar SqliteGroupCommitBenchmark -p impl=raw-batched -p rawRowsPerTx=16 -t 1 \
 *     -wi 3 -w 5s -i 5 -r 3s -f 1
 * </pre>
 * {@code benchmarks/alternate.sh} runs the two alternately (see RESULTS.md).
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
        /** {@code steadfast}, {@code steadfast-guarded}, {@code raw-batched} or {@code raw-batched-one-stream}. */
        @Param({"steadfast", "steadfast-guarded", "raw-batched", "raw-batched-one-stream"})
        public String impl;

        /** Rows per raw transaction; ignored by {@code steadfast}. */
        @Param({"16"})
        public int rawRowsPerTx;

        SqliteBench bench;
        Steadfast steadfast;
        Store store;
        Connection raw;
        PreparedStatement insert;
        final AtomicInteger writers = new AtomicInteger();
        // Used by the one raw thread: each writer journal's raw head, and the next journal a transaction writes.
        final long[] rawHeads = new long[WRITERS];
        int rawNext;

        @Setup(Level.Trial)
        public void setUp(BenchmarkParams params) throws SQLException {
            if (!impl.startsWith("steadfast") && params.getThreads() != 1) {
                throw new IllegalStateException(impl + " must run with -t 1 (a lock convoy of " + params.getThreads()
                        + " threads on one connection skews JMH's per-thread rates)");
            }
            bench = new SqliteBench();
            if (impl.startsWith("steadfast")) {
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

    /** One Steadfast writer's journal. */
    @State(Scope.Thread)
    public static class Writer {
        StreamId stream;
        int index;
        long head;
        String fence; // null when unguarded
        final byte[] payload = new byte[100];

        @Setup(Level.Trial)
        public void setUp(Shared shared) {
            index = shared.writers.getAndIncrement();
            stream = StreamId.of("writer-" + (index + 1));
            if (shared.impl.equals("steadfast-guarded")) {
                fence = WriterBatches.takeFence(shared.store, stream);
            }
        }
    }

    private static final int WRITERS = 16;

    @Benchmark
    public long append(Shared shared, Writer w) throws SQLException {
        if (shared.store != null) {
            if (!shared.store.apply(WriterBatches.append(w.stream, w.head, w.payload, w.fence)).isCommitted()) {
                throw new IllegalStateException("append to " + w.stream + " conflicted at " + w.head);
            }
            return ++w.head;
        }
        boolean oneStream = shared.impl.equals("raw-batched-one-stream");
        int journal = shared.rawNext;
        try (Statement s = shared.raw.createStatement()) {
            s.execute("BEGIN");
            for (int i = 0; i < shared.rawRowsPerTx; i++) {
                int writer = (oneStream ? journal : shared.rawNext++) % WRITERS;
                shared.insert.setString(1, "writer-" + (writer + 1));
                shared.insert.setLong(2, ++shared.rawHeads[writer]);
                shared.insert.setBytes(3, w.payload);
                shared.insert.executeUpdate();
            }
            s.execute("COMMIT");
        }
        if (oneStream) {
            shared.rawNext++;
        }
        return shared.rawNext;
    }
}
