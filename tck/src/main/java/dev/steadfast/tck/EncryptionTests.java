package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** For stores that declare {@code encrypted}: nothing written can be read from the files they keep in {@code dir}. */
abstract class EncryptionTests extends TckGroup {
    private static final String MARK = "tck-plaintext-" + LogScan.MARKER + "-7f3a";

    @BeforeEach
    void requireEncrypted() {
        assumeTrue(store().descriptor().encrypted(),
                "the store declares encrypted=false: its files may hold what it stores in the clear");
    }

    @Test
    @DisplayName("no payload, name, key, owner or token written appears in the clear in any file name or file content")
    void nothingIsStoredInTheClear() {
        commit(WriteBatch.builder()
                .append(stream(MARK + "/stream"), 0, bytes(MARK + " entry"), bytes(MARK + " entry 2"))
                .putSnapshot(MARK + "/snapshot", 1, bytes(MARK + " snapshot"))
                .putRecord(MARK + "/namespace", RecordKey.of(MARK + "/key"), bytes(MARK + " record"))
                .setFence(new Fence(MARK + "/fence", MARK + "-owner", 1, MARK + "-token", 1), 0)
                .build());
        store().close();
        assertEquals(List.of(), filesShowing(MARK.getBytes(StandardCharsets.UTF_8)),
                "files that hold '" + MARK + "' in the clear, in their name or content");
    }

    private List<Path> filesShowing(byte[] mark) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().contains(MARK)
                        || (Files.isRegularFile(f) && indexOf(Files.readAllBytes(f), mark) >= 0)) {
                    found.add(dir.relativize(f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
