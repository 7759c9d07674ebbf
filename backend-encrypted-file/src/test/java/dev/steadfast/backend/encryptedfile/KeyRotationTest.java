package dev.steadfast.backend.encryptedfile;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rotation in the documented order: add, promote, compact, remove; and keysets encrypted under a KEK. */
class KeyRotationTest {
    @TempDir
    Path dir;

    @Test
    void addPromoteCompactRemoveKeepsEveryRecordReadableAndReSealsUnderTheNewKey() throws Exception {
        Path vault = dir.resolve("vault");
        Path keyset = dir.resolve("k.json");
        try (Store store = Vaults.open(vault, keyset, 8192)) {
            Vaults.fill(store, 40, "before");
        }
        int oldKey = KeysetFiles.read(keyset, null).getPrimary().getId();
        int newKey = EncryptedFileStoreProvider.addKey(keyset, null);
        assertEquals(oldKey, KeysetFiles.read(keyset, null).getPrimary().getId(), "added keys are not primary");
        String state;
        try (Store store = Vaults.open(vault, keyset, 8192)) {
            Vaults.fill(store, 5, "added");
            state = Vaults.dump(store);
        }
        assertEquals(Set.of(oldKey), keyIds(vault), "until promoted, the old key seals everything");

        EncryptedFileStoreProvider.promoteKey(keyset, null, newKey);
        try (Store store = Vaults.open(vault, keyset, 8192)) {
            assertEquals(state, Vaults.dump(store), "records sealed with the old key still open");
            Vaults.fill(store, 5, "promoted");
            state = Vaults.dump(store);
        }
        assertEquals(Set.of(oldKey, newKey), keyIds(vault));

        Path withoutOld = dir.resolve("without-old.json");
        Files.copy(keyset, withoutOld);
        EncryptedFileStoreProvider.removeKey(withoutOld, null, oldKey);
        var early = assertThrows(StoreConfigurationException.class, () -> Vaults.open(vault, withoutOld, 8192));
        assertTrue(early.getMessage().contains("key id " + Integer.toUnsignedString(oldKey)), early.getMessage());

        try (Store store = Vaults.open(vault, keyset, 8192)) {
            EncryptedFileStoreProvider.compact(store);
            assertEquals(state, Vaults.dump(store), "compaction keeps the live state");
        }
        assertEquals(Set.of(newKey), keyIds(vault), "compaction re-sealed everything under the new primary");
        try (Store store = Vaults.open(vault, withoutOld, 8192)) {
            assertEquals(state, Vaults.dump(store), "the old key is no longer needed");
        }
    }

    @Test
    void aKeysetEncryptedUnderAKekOpensOnlyWithThatKek() throws Exception {
        Path kekFile = dir.resolve("kek.json");
        KeysetFiles.write(kekFile, KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), null, true);
        Path keyset = dir.resolve("vault.keyset.json");
        String uri = "encrypted-file:" + dir.resolve("vault") + "?keyset=" + keyset + "&kek=" + kekFile
                + "&createKeyset=true";
        String state;
        try (Store store = new EncryptedFileStoreProvider().open(StoreSpec.parse(uri))) {
            Vaults.fill(store, 10, "kek");
            state = Vaults.dump(store);
        }
        String json = Files.readString(keyset);
        assertTrue(json.contains("encryptedKeyset"), "the keyset file is encrypted");
        var clear = assertThrows(StoreConfigurationException.class, () -> new EncryptedFileStoreProvider().open(
                StoreSpec.parse("encrypted-file:" + dir.resolve("vault") + "?keyset=" + keyset)));
        assertTrue(clear.getMessage().contains("not a valid cleartext"), clear.getMessage());

        Aead kek = KeysetFiles.read(kekFile, null).getPrimitive(RegistryConfiguration.get(), Aead.class);
        try (Store store = EncryptedFileStoreProvider.open(dir.resolve("vault"), keyset, kek)) {
            assertEquals(state, Vaults.dump(store), "a KEK given in code (as a KMS would) opens it too");
        }
        Aead otherKek = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
        assertThrows(StoreConfigurationException.class,
                () -> EncryptedFileStoreProvider.open(dir.resolve("vault"), keyset, otherKek));
    }

    @Test
    void aKeysetWhosePrimaryIsNotSafeForManyMessagesIsRefused() throws Exception {
        Path keyset = dir.resolve("gcm.json");
        KeysetFiles.write(keyset, KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), null, true);
        var e = assertThrows(StoreConfigurationException.class, () -> Vaults.open(dir.resolve("v"), keyset, 8192));
        assertTrue(e.getMessage().contains("XAES-256-GCM"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("v")), "nothing was created");
    }

    @Test
    void compactionShrinksTheStoreAndWritesGoOnAfterIt() throws Exception {
        Path vault = dir.resolve("vault");
        Path keyset = dir.resolve("k.json");
        try (Store store = Vaults.open(vault, keyset, 8192)) {
            Vaults.fill(store, 200, "compact");
            String state = Vaults.dump(store);
            long before = totalSize(vault);
            List<Path> old = Vaults.segments(vault);
            EncryptedFileStoreProvider.compact(store);
            assertEquals(state, Vaults.dump(store));
            assertTrue(totalSize(vault) < before, "overwritten records and truncated entries are gone");
            for (Path p : old) {
                assertFalse(Files.exists(p), p + " was retired");
            }
            Vaults.fill(store, 20, "after");
            state = Vaults.dump(store);
            store.close();
            try (Store reopened = Vaults.open(vault, keyset, 8192)) {
                assertEquals(state, Vaults.dump(reopened));
            }
        }
    }

    private static long totalSize(Path d) throws Exception {
        long n = 0;
        for (Path p : Vaults.files(d)) {
            n += Files.size(p);
        }
        return n;
    }

    /** The key ids that sealed the records of every segment and the manifest. */
    private static Set<Integer> keyIds(Path vault) throws Exception {
        Set<Integer> ids = new HashSet<>();
        for (Path seg : Vaults.segments(vault)) {
            byte[] bytes = Files.readAllBytes(seg);
            for (int offset : Vaults.frameOffsets(bytes)) {
                var f = (Framing.Frame) Framing.decode(bytes, offset, bytes.length);
                ids.add(RecordCipher.keyIdOf(f.ciphertext()));
            }
        }
        byte[] manifest = Files.readAllBytes(vault.resolve(Format.MANIFEST));
        int headerBytes = 8 + 4 + Format.STORE_ID_BYTES + 4;
        ids.add(ByteBuffer.wrap(manifest, headerBytes + 1, 4).getInt());
        assertNotEquals(0, ids.size());
        return ids;
    }
}
