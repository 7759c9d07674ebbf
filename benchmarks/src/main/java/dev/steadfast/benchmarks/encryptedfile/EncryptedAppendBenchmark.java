package dev.steadfast.benchmarks.encryptedfile;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Durable appends from 16 threads, each to its own journal, one 256-byte entry per batch: Steadfast
 * ({@code Steadfast.open("encrypted-file:...").store()}, so core's group commit batches them into one
 * {@code applyAll} and one fdatasync) against the raw baseline, {@code FileChannel.write} + {@code force} of the
 * same records batched by a plain leader/follower group commit. Both print the mean group size at tear-down.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EncryptedAppendBenchmark -wi 3 -w 5s -i 5 -r 3s -f 1</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(16)
public class EncryptedAppendBenchmark {
    @Param({"steadfast", "raw"})
    public String impl;

    @Param("256")
    public int payloadBytes;

    private Path dir;
    private Steadfast steadfast;
    private Store store;
    private RawGroupCommitLog raw;
    private final AtomicInteger threads = new AtomicInteger();

    /** One writer thread's journal and head. */
    @State(Scope.Thread)
    public static class Writer {
        StreamId stream;
        long head;
        byte[] payload;

        @Setup(Level.Trial)
        public void setUp(EncryptedAppendBenchmark bench) {
            stream = StreamId.of("bench/" + bench.threads.incrementAndGet());
            payload = new byte[bench.payloadBytes];
            new Random(stream.hashCode()).nextBytes(payload);
            head = bench.store == null ? 0 : bench.store.journalHead(stream);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = BenchFiles.freshDirectory("ef-append");
        if (impl.equals("steadfast")) {
            steadfast = Steadfast.open(BenchFiles.vaultUri(dir));
            store = steadfast.store();
        } else {
            raw = new RawGroupCommitLog(dir.resolve("raw.log"));
        }
    }

    @Benchmark
    public void append(Writer w) throws InterruptedException {
        if (raw != null) {
            raw.append(w.payload);
            return;
        }
        if (!store.apply(WriteBatch.builder().append(w.stream, w.head, w.payload).build()).isCommitted()) {
            throw new IllegalStateException("unexpected conflict on " + w.stream);
        }
        w.head++;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (steadfast != null) {
            System.out.println("\n[steadfast] group commit: " + steadfast.groupCommitStats());
            steadfast.close();
        }
        if (raw != null) {
            System.out.printf("%n[raw] mean group size: %.1f%n", raw.meanGroupSize());
            raw.close();
        }
        BenchFiles.delete(dir);
    }
}
