package dev.steadfast.backend.encryptedfile;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.XAesGcmKey;
import dev.steadfast.spi.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After writing known payloads, no file in the store directory holds them, the names, or the key. */
class ConfidentialityTest {
    @TempDir
    Path dir;

    @Test
    void noFileInTheStoreHoldsPlaintextOrKeyMaterial() throws Exception {
        Path vault = dir.resolve("vault");
        Path keyset = dir.resolve("k.json");
        try (Store store = Vaults.open(vault, keyset, 8192)) {
            Vaults.fill(store, 60, "PLAINTEXT-MARKER-7f3a");
            EncryptedFileStoreProvider.compact(store);
            Vaults.fill(store, 5, "PLAINTEXT-MARKER-7f3a");
        }
        var key = (XAesGcmKey) KeysetFiles.read(keyset, null).getPrimary().getKey();
        byte[] keyBytes = key.getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        List<byte[]> secrets = List.of(utf8("PLAINTEXT-MARKER-7f3a"), utf8("orders/"), utf8("customers"),
                utf8("snap/"), utf8("owner-4"), utf8("token-4"), utf8("lease"), keyBytes,
                java.util.Arrays.copyOf(keyBytes, 8));
        List<Path> files = Vaults.files(vault);
        assertTrue(files.size() >= 3, "segments, manifest and lock file");
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            for (byte[] secret : secrets) {
                assertFalse(contains(content, secret), file.getFileName() + " holds '"
                        + new String(secret, StandardCharsets.ISO_8859_1) + "'");
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
