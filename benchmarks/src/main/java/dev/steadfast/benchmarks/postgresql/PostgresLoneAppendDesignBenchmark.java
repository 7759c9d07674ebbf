package dev.steadfast.benchmarks.postgresql;

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
 *   <li>{@code keyshare}: {@code keymarker} with the entry at the expected head locked {@code FOR KEY SHARE}.
 * </ul>
 *
 * <p>Run each design as its own short invocation, alternating the order (the disk's fsync latency drifts):
 * <pre>
 * java -Dsteadfast.bench.pg=127.0.0.1:55432 -jar benchmarks/target/benchmarks.jar PostgresLoneAppendDesignBenchmark \
 *     -p design=raw -wi 2 -w 3s -i 3 -r 3s -f 1
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PostgresLoneAppendDesignBenchmark {
    private static final String STREAM = "bench-1";
    private static final String STREAMS = BenchFixture.RAW_SCHEMA + ".streams";
    private static final String JOURNAL = BenchFixture.RAW_JOURNAL;

    /** {@code raw}, {@code headrow}, {@code key}, {@code keymarker}, {@code maxseq}, {@code keylocked} or {@code keyshare}. */
    @Param({"raw", "headrow", "key", "keymarker", "maxseq", "keylocked", "keyshare"})
    public String design;

    private final byte[] payload = new byte[100];
    private BenchFixture fixture;
    private Connection connection;
    private PreparedStatement append;
    private long head;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        fixture = new BenchFixture();
        fixture.server.execute("CREATE TABLE " + STREAMS + " (stream TEXT COLLATE \"C\" NOT NULL PRIMARY KEY,"
                + " head BIGINT NOT NULL)", "INSERT INTO " + STREAMS + " VALUES ('" + STREAM + "', 0)");
        connection = fixture.raw();
        append = connection.prepareStatement(statement(design));
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
            case "keyshare" -> insert + entry + " WHERE EXISTS (SELECT 1 FROM " + JOURNAL
                    + " WHERE stream = ? AND seq = ? FOR KEY SHARE) OR " + marker;
            default -> throw new IllegalArgumentException("design must be raw, headrow, key, keymarker, maxseq,"
                    + " keylocked or keyshare, found '" + design + "'");
        };
    }

    @Benchmark
    public long append() throws SQLException {
        long expected = head;
        int i = 1;
        if (design.equals("keylocked")) {
            append.setString(i++, STREAM);
        }
        if (design.equals("headrow")) {
            append.setLong(i++, expected + 1);
            append.setString(i++, STREAM);
            append.setLong(i++, expected);
            append.setLong(i++, expected + 1);
            append.setBytes(i, payload);
        } else {
            append.setString(i++, STREAM);
            append.setLong(i++, expected + 1);
            append.setBytes(i++, payload);
            switch (design) {
                case "raw" -> { }
                case "key" -> {
                    append.setString(i++, STREAM);
                    append.setLong(i++, expected);
                    append.setLong(i, expected);
                }
                case "maxseq" -> {
                    append.setString(i++, STREAM);
                    append.setString(i++, STREAM);
                    append.setLong(i, expected);
                }
                default -> { // keymarker, keylocked, keyshare
                    append.setString(i++, STREAM);
                    append.setLong(i++, expected);
                    append.setString(i++, STREAM);
                    append.setLong(i, expected);
                }
            }
        }
        if (inserted() != 1) {
            throw new IllegalStateException(design + ": the append at head " + expected + " inserted nothing");
        }
        fixture.operations.incrementAndGet();
        return ++head;
    }

    /** Rows inserted; for {@code keylocked}, the update count of the second statement of the query string. */
    private int inserted() throws SQLException {
        if (!design.equals("keylocked")) {
            return append.executeUpdate();
        }
        append.execute(); // the lock's SELECT comes first
        append.getMoreResults();
        return append.getUpdateCount();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        fixture.close();
    }
}
