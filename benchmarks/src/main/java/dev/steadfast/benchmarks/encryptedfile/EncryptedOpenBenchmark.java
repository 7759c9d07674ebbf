package dev.steadfast.benchmarks.encryptedfile;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.backend.encryptedfile.EncryptedFileStoreProvider;
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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Opening a store of {@code records} records (one 100-byte journal entry each, over 16 journals): Steadfast's open
 * (authenticate and replay every record into the index) against reading the same files raw, sequentially.
 * Both read from the page cache after the first iteration.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EncryptedOpenBenchmark -wi 3 -w 5s -i 5 -r 3s -f 1</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EncryptedOpenBenchmark {
    @Param({"steadfast", "raw"})
    public String impl;

    @Param("1000000")
    public int records;

    private Path dir;
    private StoreSpec spec;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(8 << 20);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = BenchFiles.freshDirectory("ef-open");
        spec = StoreSpec.parse(BenchFiles.vaultUri(dir));
        byte[] payload = new byte[100];
        new Random(3).nextBytes(payload);
        long[] heads = new long[16];
        try (Store store = new EncryptedFileStoreProvider().open(spec)) {
            for (int done = 0; done < records; ) {
                List<WriteBatch> group = new ArrayList<>(1000);
                for (int i = 0; i < 1000 && done < records; i++, done++) {
                    int s = done % 16;
                    group.add(WriteBatch.builder().append(StreamId.of("open/" + s), heads[s]++, payload).build());
                }
                store.applyAll(group);
            }
        }
        long bytes = 0;
        for (Path p : files()) {
            bytes += Files.size(p);
        }
        System.out.printf("%n[setup] %d records in %d files, %.1f MiB%n", records, files().size(), bytes / 1048576.0);
    }

    @Benchmark
    public long open() throws IOException {
        if (impl.equals("raw")) {
            long total = 0;
            for (Path p : files()) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                    int n;
                    while ((n = ch.read(buffer)) > 0) {
                        total += n;
                        buffer.clear();
                    }
                }
            }
            return total;
        }
        try (Store store = new EncryptedFileStoreProvider().open(spec)) {
            return store.journalHead(StreamId.of("open/0"));
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("vault"))) {
            return s.filter(p -> !p.getFileName().toString().equals("LOCK")).sorted().toList();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        BenchFiles.delete(dir);
    }
}
