package dev.steadfast.benchmarks.sqlite;

import dev.steadfast.Steadfast;
import dev.steadfast.channel.Bytes;
import dev.steadfast.channel.Channel;
import dev.steadfast.channel.ChannelOptions;
import dev.steadfast.channel.ChannelStep;
import dev.steadfast.channel.Channels;
import dev.steadfast.channel.Message;
import dev.steadfast.channel.StepResult;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
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

/**
 * Channel protocol steps per second: 64 channels each taking {@value #STEPS_PER_CHANNEL} deliver steps per
 * invocation (a 100-byte message into a history capped at {@value #CAP}, so once full every step also evicts the
 * oldest entry), durable (WAL, synchronous=FULL). Score = steps/s. Cases ({@code impl}):
 * <ul>
 *   <li>{@code steadfast}: {@link Channels} over {@code Steadfast.open("sqlite:...").store()}; every step is queued
 *       through {@link Channel#applyAsync} at once, so each channel's steps run in order while the 64 channels'
 *       steps share commits (one {@code applyAll}, one transaction, one fsync per group). Each step is one fenced
 *       batch: fence check, history insert, eviction delete, meta upsert;</li>
 *   <li>{@code raw-per-step}: one raw sqlite-jdbc connection writing the same rows to a table of the same shape,
 *       one transaction per step, with the same fence check (a SELECT of the channel's epoch);</li>
 *   <li>{@code raw-batched}: the same rows, one transaction per round of 64 steps (one per channel): the batching
 *       a hand-written store would do, and the ceiling Steadfast's group commit aims at.</li>
 * </ul>
 * All run on one JMH thread: the concurrency of the Steadfast case is the 64 channels in flight, not threads.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ChannelStepBenchmark -wi 3 -w 5s -i 5 -r 3s -f 1
 * </pre>
 * Not yet measured: see RESULTS.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class ChannelStepBenchmark {
    static final int CHANNELS = 64;
    static final int STEPS_PER_CHANNEL = 4;
    static final int CAP = 100;

    /** {@code steadfast}, {@code raw-per-step} or {@code raw-batched}. */
    @Param({"steadfast", "raw-per-step", "raw-batched"})
    public String impl;

    private SqliteBench bench;
    private Steadfast steadfast;
    private Channels channels;
    private final List<Channel> handles = new ArrayList<>();
    private RawChannels raw;
    private final byte[] body = new byte[100];
    private long next;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        bench = new SqliteBench();
        if (impl.equals("steadfast")) {
            steadfast = bench.steadfast();
            channels = new Channels(steadfast.store(), steadfast.clock(), new ChannelOptions(CAP));
            for (int i = 0; i < CHANNELS; i++) {
                handles.add(channels.open("c" + i, "bench").orElseThrow());
            }
        } else {
            raw = new RawChannels(bench.raw(), CHANNELS, CAP);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (channels != null) {
            channels.close();
            var stats = steadfast.groupCommitStats();
            System.out.printf("%ngroup commit: %d store calls, %d batches, mean group %.2f%n",
                    stats.groups(), stats.batches(), stats.meanGroupSize());
        }
        bench.close();
    }

    @Benchmark
    @OperationsPerInvocation(CHANNELS * STEPS_PER_CHANNEL)
    public long step() throws SQLException {
        if (handles.isEmpty()) {
            for (int s = 0; s < STEPS_PER_CHANNEL; s++) {
                raw.round(next++, body, impl.equals("raw-batched"));
            }
            return next;
        }
        List<CompletionStage<StepResult>> last = new ArrayList<>(CHANNELS);
        for (Channel c : handles) {
            CompletionStage<StepResult> stage = null;
            for (int s = 0; s < STEPS_PER_CHANNEL; s++) {
                stage = c.applyAsync(new ChannelStep.Deliver(
                        new Message("m" + (next + s), "peer", next + s, List.of(), Bytes.of(body))));
            }
            last.add(stage);
        }
        next += STEPS_PER_CHANNEL;
        for (CompletionStage<StepResult> stage : last) {
            if (!stage.toCompletableFuture().join().isCommitted()) {
                throw new IllegalStateException("a step was refused");
            }
        }
        return next;
    }

    /** The rows a deliver step writes, written by hand: the raw baseline. */
    static final class RawChannels {
        private final Connection c;
        private final int cap;
        private final int channels;
        private final PreparedStatement fence;
        private final PreparedStatement put;
        private final PreparedStatement remove;

        RawChannels(Connection c, int channels, int cap) throws SQLException {
            this.c = c;
            this.cap = cap;
            this.channels = channels;
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE records (namespace TEXT NOT NULL, record_key BLOB NOT NULL, record_value"
                        + " BLOB NOT NULL, PRIMARY KEY (namespace, record_key)) WITHOUT ROWID");
                for (int i = 0; i < channels; i++) {
                    s.execute("INSERT INTO fences VALUES ('channel/c" + i + "', 'bench', 1, '', 0)");
                }
            }
            fence = c.prepareStatement("SELECT epoch FROM fences WHERE name = ?");
            put = c.prepareStatement("INSERT OR REPLACE INTO records VALUES (?, ?, ?)");
            remove = c.prepareStatement("DELETE FROM records WHERE namespace = ? AND record_key = ?");
        }

        /** One deliver step on every channel: one transaction each, or one for the whole round. */
        void round(long position, byte[] body, boolean batched) throws SQLException {
            try (Statement s = c.createStatement()) {
                if (batched) {
                    s.execute("BEGIN");
                }
                for (int i = 0; i < channels; i++) {
                    if (!batched) {
                        s.execute("BEGIN");
                    }
                    deliver("channel/c" + i, position + 1, body);
                    if (!batched) {
                        s.execute("COMMIT");
                    }
                }
                if (batched) {
                    s.execute("COMMIT");
                }
            }
        }

        private void deliver(String namespace, long position, byte[] body) throws SQLException {
            fence.setString(1, namespace);
            try (ResultSet r = fence.executeQuery()) {
                if (!r.next() || r.getLong(1) != 1) {
                    throw new IllegalStateException("fence of " + namespace + " moved");
                }
            }
            write(put, namespace, historyKey(position), body);
            if (position > cap) {
                remove.setString(1, namespace);
                remove.setBytes(2, historyKey(position - cap));
                remove.executeUpdate();
            }
            write(put, namespace, new byte[] {'m'}, ByteBuffer.allocate(17).put((byte) 1).putLong(position)
                    .putLong(position).array());
        }

        private static void write(PreparedStatement put, String namespace, byte[] key, byte[] value)
                throws SQLException {
            put.setString(1, namespace);
            put.setBytes(2, key);
            put.setBytes(3, value);
            put.executeUpdate();
        }

        private static byte[] historyKey(long position) {
            return ByteBuffer.allocate(9).put((byte) 'h').putLong(position).array();
        }
    }
}
