package dev.steadfast.backend.encryptedfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;

import dev.steadfast.tck.LogScan;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting {@code LOCK} under an open store lets a second process lock a new file and open the store; the first
 * process must then stop writing, so the two never both append and the store stays readable.
 */
class LockSwapTest {
    @TempDir
    Path dir;

    @Test
    void holderWhoseLockFileWasDeletedRefusesFurtherWritesAndTheStoreStaysIntact() throws Exception {
        Path vault = dir.resolve("vault");
        String uri = "encrypted-file:" + vault + "?keyset=" + dir.resolve("keyset.json") + "&createKeyset=true";
        Process child = LogScan.scanning(new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(), uri))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        LinkedBlockingQueue<String> lines = pump(child);
        StreamId b = StreamId.of("b");
        try (PrintWriter toChild = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8)) {
            assertEquals("OPEN", next(lines));
            Files.delete(vault.resolve(Format.LOCK));
            try (Store second = new EncryptedFileStoreProvider().open(StoreSpec.parse(uri))) {
                assertTrue(second.apply(WriteBatch.builder().append(b, 0, new byte[] {1}).build()).isCommitted());
                toChild.println("write");
                String answer = next(lines);
                assertTrue(answer.startsWith("REFUSED") && answer.contains("LOCK"), answer);
                toChild.println("exit");
                assertEquals("CLOSED", next(lines));
                assertTrue(second.apply(WriteBatch.builder().append(b, 1, new byte[] {2}).build()).isCommitted());
            }
        } finally {
            child.toHandle().destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        try (Store reopened = new EncryptedFileStoreProvider().open(StoreSpec.parse(uri))) {
            assertEquals(1, reopened.journalHead(LockHolderMain.STREAM), "the first process's one acknowledged append");
            assertEquals(2, reopened.journalHead(b));
            assertEquals(3, Vaults.dump(reopened).lines().filter(l -> l.startsWith("  ")).count());
        }
    }

    private static LinkedBlockingQueue<String> pump(Process child) {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // the child is gone
            }
            lines.add("EOF");
        }, "lock-holder-output");
        t.setDaemon(true);
        t.start();
        return lines;
    }

    private static String next(LinkedBlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(60, TimeUnit.SECONDS);
        assertNotNull(line, "the child said nothing within 60 s");
        return line;
    }
}
