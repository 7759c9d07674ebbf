package dev.steadfast.examples.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import dev.steadfast.spi.CorruptStoreException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault: rotation while in use, nothing readable on disk, and a tampered file refused. */
class VaultTest {
    private static final String SECRET = "correct horse battery staple";

    @Test
    void rotationWhileInUseKeepsEverySecretUnderOnlyTheNewKey(@TempDir Path dir) throws Exception {
        String out = runDemo(dir);
        List<String> lines = out.lines().toList();
        assertEquals(3, lines.size(), out);
        String before = lines.get(0).substring("keys before: ".length());
        assertTrue(lines.get(1).startsWith("keys after: ["), out);
        String after = lines.get(1).substring("keys after: ".length(), lines.get(1).indexOf(" (new primary"));
        assertNotEquals(before, after, "the data key changed");
        assertFalse(after.contains(","), "only the new key is left: " + after);
        String[] counts = lines.get(2).split(" ");
        assertEquals(counts[0], counts[6], "every secret written during the rotation is readable: " + out);

        try (Vault reopened = Vault.open(dir.resolve("vault"), dir.resolve("vault.keyset.json"),
                Vault.localKek(dir.resolve("kek.json")))) {
            assertEquals(Optional.of(SECRET), reopened.get("db-password"));
        }
        assertFalse(anyFileContains(dir.resolve("vault"), SECRET), "the secret is not readable on disk");
        assertFalse(anyFileContains(dir.resolve("vault.keyset.json").getParent(), "\"value\""),
                "the keyset file holds no cleartext key material");
    }

    @Test
    void aTamperedSegmentIsDetectedAndLeftAsItWas(@TempDir Path dir) throws Exception {
        Path vaultDir = dir.resolve("vault");
        Path keyset = dir.resolve("vault.keyset.json");
        Aead kek = Vault.localKek(dir.resolve("kek.json"));
        try (Vault vault = Vault.open(vaultDir, keyset, kek)) {
            for (int i = 0; i < 20; i++) {
                vault.put("secret-" + i, "value-" + i);
            }
        }
        Path segment;
        try (Stream<Path> files = Files.list(vaultDir)) {
            segment = files.filter(p -> p.getFileName().toString().startsWith("segment-")).findFirst().orElseThrow();
        }
        try (RandomAccessFile raw = new RandomAccessFile(segment.toFile(), "rw")) {
            long middle = raw.length() / 2;
            raw.seek(middle);
            int b = raw.read();
            raw.seek(middle);
            raw.write(b ^ 0x01); // one bit: an attacker changing a stored value
        }
        byte[] tampered = Files.readAllBytes(segment);
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> Vault.open(vaultDir, keyset, kek));
        assertTrue(e.getMessage().contains(segment.getFileName().toString()), e.getMessage());
        assertArrayEquals(tampered, Files.readAllBytes(segment), "the refused file is left as it was");
    }

    private static String runDemo(Path dir) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            VaultDemo.main(new String[] {dir.resolve("vault").toString(), dir.resolve("vault.keyset.json").toString(),
                    dir.resolve("kek.json").toString()});
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static boolean anyFileContains(Path dir, String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(p -> !p.endsWith("kek.json")).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (content.contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                    return true;
                }
            }
        }
        return false;
    }
}
