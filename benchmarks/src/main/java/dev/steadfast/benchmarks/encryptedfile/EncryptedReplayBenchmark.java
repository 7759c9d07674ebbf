package dev.steadfast.benchmarks.encryptedfile;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.steadfast.Steadfast;
import dev.steadfast.spi.Entry;
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

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Replay of one journal of {@code entries} 256-byte entries, one per record: Steadfast's {@code readJournal}
 * (index lookup, positional read, CRC, AEAD open, decode) against the raw baseline, a sequential read of a file of
 * the same records sealed with the same kind of key (XAES-256-GCM) and opened one by one. Time per full replay.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EncryptedReplayBenchmark -wi 3 -w 5s -i 5 -r 3s -f 1</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EncryptedReplayBenchmark {
    private static final StreamId STREAM = StreamId.of("replay");
    private static final byte[] AD = "replay".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Param({"steadfast", "raw"})
    public String impl;

    @Param("100000")
    public int entries;

    @Param("256")
    public int payloadBytes;

    private Path dir;
    private Steadfast steadfast;
    private Store store;
    private Path rawFile;
    private Aead aead;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = BenchFiles.freshDirectory("ef-replay");
        byte[] payload = new byte[payloadBytes];
        new Random(1).nextBytes(payload);
        if (impl.equals("steadfast")) {
            steadfast = Steadfast.open(BenchFiles.vaultUri(dir));
            store = steadfast.store();
            for (int done = 0; done < entries; ) {
                List<WriteBatch> group = new ArrayList<>();
                for (int i = 0; i < 1000 && done < entries; i++, done++) {
                    group.add(WriteBatch.builder().append(STREAM, done, payload).build());
                }
                store.applyAll(group);
            }
        } else {
            AeadConfig.register();
            aead = KeysetHandle.generateNew(PredefinedAeadParameters.XAES_256_GCM_192_BIT_NONCE)
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
            rawFile = dir.resolve("raw.log");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(rawFile), 1 << 20))) {
                for (int i = 0; i < entries; i++) {
                    byte[] ct = aead.encrypt(payload, AD);
                    out.writeInt(ct.length);
                    out.write(ct);
                }
            }
        }
    }

    @Benchmark
    public long replay() throws IOException, GeneralSecurityException {
        return rawFile == null ? replaySteadfast() : replayRaw();
    }

    private long replaySteadfast() {
        long bytes = 0;
        try (Stream<Entry> s = store.readJournal(STREAM, 1)) {
            for (Entry e : (Iterable<Entry>) s::iterator) {
                bytes += e.payload().length;
            }
        }
        return bytes;
    }

    private long replayRaw() throws IOException, GeneralSecurityException {
        long bytes = 0;
        try (FileChannel ch = FileChannel.open(rawFile, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            while (true) {
                int n = ch.read(buf);
                buf.flip();
                while (buf.remaining() >= 4 && buf.remaining() >= 4 + buf.getInt(buf.position())) {
                    byte[] ct = new byte[buf.getInt()];
                    buf.get(ct);
                    bytes += aead.decrypt(ct, AD).length;
                }
                buf.compact();
                if (n < 0) {
                    return bytes;
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (steadfast != null) {
            steadfast.close();
        }
        BenchFiles.delete(dir);
    }
}
