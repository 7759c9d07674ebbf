package dev.steadfast.backend.encryptedfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.tck.LogScan;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second open of an open store in the same process is refused, and the refusal leaves the first handle's lock
 * in place. The OS file lock on {@code LOCK} belongs to the process, and closing any channel of that file releases
 * it: the refused open used to open and close a channel of its own, after which another process opened the store
 * beside the first handle and both wrote.
 */
class SecondHandleInProcessTest {
    @TempDir
    Path dir;

    @Test
    void aRefusedSecondOpenInThisProcessKeepsOtherProcessesOut() throws Exception {
        String uri = "encrypted-file:" + dir.resolve("vault") + "?keyset=" + dir.resolve("k.json")
                + "&createKeyset=true";
        StreamId s = StreamId.of("s");
        try (Store first = new EncryptedFileStoreProvider().open(StoreSpec.parse(uri))) {
            StoreConfigurationException refused = assertThrows(StoreConfigurationException.class,
                    () -> new EncryptedFileStoreProvider().open(StoreSpec.parse(uri)));
            assertTrue(refused.getMessage().contains("already open in this process"), refused.getMessage());
            Process child = LogScan.scanning(new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(), uri))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertNull(r.readLine(), "another process opened the store while this one holds it");
            } finally {
                child.toHandle().destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            assertTrue(first.apply(WriteBatch.builder().append(s, 0, new byte[] {1}).build()).isCommitted());
        }
        try (Store reopened = new EncryptedFileStoreProvider().open(StoreSpec.parse(uri))) {
            assertEquals(1, reopened.journalHead(s));
            assertEquals(0, reopened.journalHead(LockHolderMain.STREAM));
        }
    }
}
