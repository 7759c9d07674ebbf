package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A damaged keyset file is a configuration error naming the file, and the store is left as it was. */
class KeysetDamageTest {
    @TempDir
    Path dir;

    @Test
    void aFlippedKeyIdInTheKeysetIsAConfigurationErrorNamingTheKeysetFile() throws Exception {
        Path vault = dir.resolve("vault");
        Path keyset = dir.resolve("k.json");
        try (Store store = Vaults.open(vault, keyset, 1 << 20)) {
            Vaults.fill(store, 3, "keys");
        }
        String json = Files.readString(keyset, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(\"keyId\"\\s*:\\s*)(\\d+)").matcher(json);
        assertTrue(m.find(), json);
        String flipped = json.substring(0, m.start(2)) + (Long.parseLong(m.group(2)) ^ 1) + json.substring(m.end(2));
        assertNotEquals(json, flipped);
        Files.writeString(keyset, flipped, StandardCharsets.UTF_8);
        var before = Vaults.fingerprint(vault);
        before.remove(Format.LOCK);
        var e = assertThrows(StoreConfigurationException.class, () -> Vaults.open(vault, keyset, 1 << 20).close());
        assertTrue(e.getMessage().contains(keyset.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("primary"), e.getMessage());
        var after = Vaults.fingerprint(vault);
        after.remove(Format.LOCK);
        assertEquals(before, after);
    }
}
