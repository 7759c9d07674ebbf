package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Store;
import dev.steadfast.tck.LogScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sizes read from the files are untrusted: a huge (sparse) manifest or segment, or a length field of 1 GiB, is
 * refused as corruption naming the file and offset, under a 64 MiB heap, before anything that size is allocated.
 */
class UntrustedSizeTest {
    @TempDir
    Path dir;

    @Test
    void aSparseManifestOfOneAndAHalfGibIsRefusedUnderASmallHeap() throws Exception {
        Path vault = store(1 << 20);
        extend(vault.resolve(Format.MANIFEST), 3L << 29);
        assertRefusedInSmallHeap(vault, Format.MANIFEST);
    }

    @Test
    void aSparseSegmentOfThreeGibIsRefusedUnderASmallHeap() throws Exception {
        Path vault = store(1 << 20);
        extend(Vaults.segments(vault).get(0), 3L << 30);
        assertRefusedInSmallHeap(vault, Vaults.segments(vault).get(0).getFileName().toString());
    }

    @Test
    void aLengthFieldOfOneGibIsRefusedUnderASmallHeap() throws Exception {
        Path vault = store(1 << 20);
        Path segment = Vaults.segments(vault).get(0);
        byte[] bytes = Files.readAllBytes(segment);
        List<Integer> frames = Vaults.frameOffsets(bytes);
        int victim = frames.get(frames.size() / 2);
        java.nio.ByteBuffer.wrap(bytes, victim, 4).putInt(1 << 30);
        Files.write(segment, bytes);
        String output = assertRefusedInSmallHeap(vault, segment.getFileName().toString());
        assertTrue(output.contains("offset " + victim), output);
    }

    private Path store(long segmentBytes) {
        Path vault = dir.resolve("vault");
        try (Store store = Vaults.open(vault, dir.resolve("k.json"), segmentBytes)) {
            Vaults.fill(store, 20, "size");
        }
        return vault;
    }

    private static void extend(Path file, long length) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    private String assertRefusedInSmallHeap(Path vault, String fileName) throws Exception {
        String uri = "encrypted-file:" + vault + "?keyset=" + dir.resolve("k.json");
        Process child = LogScan.scanning(new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), SmallHeapOpenMain.class.getName(), uri))
                .redirectErrorStream(true).start();
        String output;
        try {
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child finished");
        } finally {
            child.toHandle().destroyForcibly();
        }
        assertTrue(output.startsWith("REFUSED dev.steadfast.spi.CorruptStoreException"), output);
        assertTrue(output.contains(fileName) && output.contains("offset"), output);
        return output;
    }
}
