package dev.steadfast.benchmarks.postgresql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.List;
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
 * Design study for issue 27: one writer, one durable auto-committed append of one 100-byte entry per operation,
 * as raw SQL on a bare pgjdbc connection, in the table shapes of Steadfast's schema ({@code streams (stream PK,
 * head)}, {@code journal (stream, seq, payload, PK (stream, seq))}). No Steadfast code runs: only the server's
 * cost of each design is compared, against {@code raw}, in the same server and disk state. Which guarantees each
 * design keeps is argued in {@code benchmarks/results/postgresql.md} (2026-11-30, lone append designs).
 *
 * <ul>
 *   <li>{@code raw}: {@code INSERT ... VALUES}, no check at all (the baseline);
 *   <li>{@code headrow}: today's statement, {@code WITH h AS (UPDATE streams SET head = ? WHERE stream = ? AND
 *       head = ? RETURNING stream) INSERT INTO journal ... FROM h};
 *   <li>{@code key}: insert only, as Pekko JDBC appends: the primary key refuses a second writer of the same
 *       sequence, and {@code WHERE EXISTS (the entry at the expected head) OR expected = 0} refuses a gap;
 *   <li>{@code keymarker}: {@code key} with a head row written only at stream creation and truncation (a marker
 *       of the head at the last truncation): {@code WHERE EXISTS (entry at expected) OR EXISTS (marker = expected)};
 *   <li>{@code maxseq}: the head derived in the statement, {@code WHERE GREATEST((SELECT max(seq) ...),
 *       (SELECT head FROM streams ...)) = expected};
 *   <li>{@code keylocked}: {@code keymarker} after {@code SELECT pg_advisory_xact_lock_shared(...)}, both sent as
 *       one pgjdbc query string, so one round trip and one implicit transaction, and the insert takes its snapshot
 *       after the lock (truncations and journal guards would take the lock exclusively);
 *   <li>{@code keylockedoc}: {@code keylocked} with {@code ON CONFLICT DO NOTHING}, so that a second writer of
 *       the same sequence gets 0 rows instead of a unique violation (an error the store would have to map);
 *   <li>{@code keyshare}: {@code keymarker} with the entry at the expected head locked {@code FOR KEY SHARE}.
 * </ul>
 *
 * <p>{@code append} runs one design per trial ({@code -p design=...}); run them as short invocations in
 * alternating order. {@code interleaved} appends with every design in turn within each operation (each to a
 * stream of its own, the starting design rotating), so all of them meet the same disk and machine state, and
 * reports each design's total time per iteration as a secondary result ({@code rawNanos}, {@code headrowNanos},
 * ...): equal counts of appends, so the throughput ratio of a design to {@code raw} is {@code rawNanos /
 * designNanos}. On a loaded machine, whose fsync latency and CPU share drift within seconds, that is the figure
 * to read.
 * <pre>
 * java -Dsteadfast.bench.pg=127.0.0.1:55432 -jar benchmarks/target/benchmarks.jar \
 *     'PostgresLoneAppendDesignBenchmark.interleaved' -wi 2 -w 3s -i 5 -r 3s -f 1
 * java -Dsteadfast.bench.pg=127.0.0.1:55432 -jar benchmarks/target/benchmarks.jar \
 *     'PostgresLoneAppendDesignBenchmark.append' -p design=raw -wi 2 -w 3s -i 3 -r 3s -f 1
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PostgresLoneAppendDesignBenchmark {
    static final List<String> DESIGNS = List.of("raw", "headrow", "key", "keymarker", "maxseq", "keylocked",
            "keylockedoc", "keyshare");
    private static final String STREAMS = BenchFixture.RAW_SCHEMA + ".streams";
    private static final String JOURNAL = BenchFixture.RAW_JOURNAL;

    /** One design per trial. */
    @State(Scope.Benchmark)
    public static class Single {
        /** One of {@link #DESIGNS}. */
        @Param({"raw", "headrow", "key", "keymarker", "maxseq", "keylocked", "keylockedoc", "keyshare"})
        public String design;

        /** {@code on} (durable: the default) or {@code off}, see {@link All#synchronousCommit}. */
        @Param("on")
        public String synchronousCommit;

        BenchFixture fixture;
        Design appender;

        @Setup(Level.Trial)
        public void setUp() throws SQLException {
            fixture = tables();
            appender = new Design(design, fixture, synchronousCommit);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            appender.close();
            fixture.close();
        }
    }

    /** Every design, on one server and one set of tables, each appending to a stream of its own. */
    @State(Scope.Benchmark)
    public static class All {
        /**
         * {@code on}: each append waits for its WAL flush, the durable figure. {@code off}: no wait for the flush,
         * which takes the disk's fsync latency (and its drift) out and leaves the server's work per statement, where
         * the designs differ; a diagnostic, not a durable figure.
         */
        @Param("on")
        public String synchronousCommit;

        BenchFixture fixture;
        Design[] appenders;
        int first;

        @Setup(Level.Trial)
        public void setUp() throws SQLException {
            fixture = tables();
            appenders = new Design[DESIGNS.size()];
            for (int i = 0; i < appenders.length; i++) {
                appenders[i] = new Design(DESIGNS.get(i), fixture, synchronousCommit);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            for (Design d : appenders) {
                d.close();
            }
            fixture.close();
        }
    }

    /** Nanoseconds each design spent in its appends during one iteration (JMH sums them per iteration). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Timings {
        public long rawNanos;
        public long headrowNanos;
        public long keyNanos;
        public long keymarkerNanos;
        public long maxseqNanos;
        public long keylockedNanos;
        public long keylockedocNanos;
        public long keyshareNanos;

        @Setup(Level.Iteration)
        public void reset() {
            rawNanos = headrowNanos = keyNanos = keymarkerNanos = maxseqNanos = keylockedNanos = keylockedocNanos
                    = keyshareNanos = 0;
        }

        void add(int design, long nanos) {
            switch (design) {
                case 0 -> rawNanos += nanos;
                case 1 -> headrowNanos += nanos;
                case 2 -> keyNanos += nanos;
                case 3 -> keymarkerNanos += nanos;
                case 4 -> maxseqNanos += nanos;
                case 5 -> keylockedNanos += nanos;
                case 6 -> keylockedocNanos += nanos;
                default -> keyshareNanos += nanos;
            }
        }
    }

    static BenchFixture tables() {
        BenchFixture fixture = new BenchFixture();
        fixture.server.execute("CREATE TABLE " + STREAMS + " (stream TEXT COLLATE \"C\" NOT NULL PRIMARY KEY,"
                + " head BIGINT NOT NULL)");
        return fixture;
    }

    @Benchmark
    public long append(Single s) throws SQLException {
        s.fixture.operations.incrementAndGet();
        return s.appender.append();
    }

    /** One append with each design per operation; the score counts rounds, the timings split them by design. */
    @Benchmark
    public long interleaved(All all, Timings timings) throws SQLException {
        int n = all.appenders.length;
        long last = 0;
        for (int k = 0; k < n; k++) {
            int i = (all.first + k) % n;
            long t0 = System.nanoTime();
            last = all.appenders[i].append();
            timings.add(i, System.nanoTime() - t0);
        }
        all.first = (all.first + 1) % n;
        all.fixture.operations.addAndGet(n);
        return last;
    }

    /** One design's statement on its own connection and stream, and the head it appends at. */
    static final class Design implements AutoCloseable {
        private final String design;
        private final String stream;
        private final Connection connection;
        private final PreparedStatement append;
        private final byte[] payload = new byte[100];
        private long head;

        Design(String design, BenchFixture fixture, String synchronousCommit) throws SQLException {
            this.design = design;
            this.stream = "bench-" + design;
            fixture.server.execute("INSERT INTO " + STREAMS + " VALUES ('" + stream + "', 0)");
            this.connection = fixture.raw();
            try (Statement s = connection.createStatement()) {
                s.execute("SET synchronous_commit = " + (synchronousCommit.equals("off") ? "off" : "on"));
            }
            this.append = connection.prepareStatement(statement(design));
        }

        /** The design's statement; parameters as bound by {@link #append}. */
        static String statement(String design) {
            String insert = "INSERT INTO " + JOURNAL + " (stream, seq, payload) ";
            String entry = "SELECT CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS BYTEA)";
            String atExpected = "EXISTS (SELECT 1 FROM " + JOURNAL + " WHERE stream = ? AND seq = ?)";
            String marker = "EXISTS (SELECT 1 FROM " + STREAMS + " WHERE stream = ? AND head = ?)";
            return switch (design) {
                case "raw" -> insert + "VALUES (?, ?, ?)";
                case "headrow" -> "WITH h AS (UPDATE " + STREAMS + " SET head = ? WHERE stream = ? AND head = ?"
                        + " RETURNING stream) " + insert + "SELECT h.stream, v.seq, v.payload FROM h CROSS JOIN"
                        + " (VALUES (CAST(? AS BIGINT), CAST(? AS BYTEA))) AS v (seq, payload)";
                case "key" -> insert + entry + " WHERE " + atExpected + " OR CAST(? AS BIGINT) = 0";
                case "keymarker" -> insert + entry + " WHERE " + atExpected + " OR " + marker;
                case "maxseq" -> insert + entry + " WHERE GREATEST((SELECT max(seq) FROM " + JOURNAL
                        + " WHERE stream = ?), (SELECT head FROM " + STREAMS + " WHERE stream = ?)) = ?";
                case "keylocked" -> "SELECT pg_advisory_xact_lock_shared(hashtext(?)); " + insert + entry + " WHERE "
                        + atExpected + " OR " + marker;
                case "keylockedoc" -> statement("keylocked") + " ON CONFLICT DO NOTHING";
                case "keyshare" -> insert + entry + " WHERE EXISTS (SELECT 1 FROM " + JOURNAL
                        + " WHERE stream = ? AND seq = ? FOR KEY SHARE) OR " + marker;
                default -> throw new IllegalArgumentException("design must be raw, headrow, key, keymarker, maxseq,"
                        + " keylocked, keylockedoc or keyshare, found '" + design + "'");
            };
        }

        long append() throws SQLException {
            long expected = head;
            int i = 1;
            if (design.startsWith("keylocked")) {
                append.setString(i++, stream);
            }
            if (design.equals("headrow")) {
                append.setLong(i++, expected + 1);
                append.setString(i++, stream);
                append.setLong(i++, expected);
                append.setLong(i++, expected + 1);
                append.setBytes(i, payload);
            } else {
                append.setString(i++, stream);
                append.setLong(i++, expected + 1);
                append.setBytes(i++, payload);
                switch (design) {
                    case "raw" -> { }
                    case "key" -> {
                        append.setString(i++, stream);
                        append.setLong(i++, expected);
                        append.setLong(i, expected);
                    }
                    case "maxseq" -> {
                        append.setString(i++, stream);
                        append.setString(i++, stream);
                        append.setLong(i, expected);
                    }
                    default -> { // keymarker, keylocked, keyshare
                        append.setString(i++, stream);
                        append.setLong(i++, expected);
                        append.setString(i++, stream);
                        append.setLong(i, expected);
                    }
                }
            }
            if (inserted() != 1) {
                throw new IllegalStateException(design + ": the append at head " + expected + " inserted nothing");
            }
            return ++head;
        }

        /** Rows inserted; for {@code keylocked}, the update count of the second statement of the query string. */
        private int inserted() throws SQLException {
            if (!design.startsWith("keylocked")) {
                return append.executeUpdate();
            }
            append.execute(); // the lock's SELECT comes first
            append.getMoreResults();
            return append.getUpdateCount();
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
