package dev.steadfast.backend.encryptedfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key material and store files are owner-only, whatever the umask; keysets are never written through a link. */
class KeysetPermissionsTest {
    static {
        TinkRegistration.ensure();
    }

    @TempDir
    Path dir;

    @Test
    void createdKeysetStoreDirectoryAndFilesAreOwnerOnly() throws IOException {
        Path keyset = dir.resolve("keys/vault.keyset.json");
        Path vault = dir.resolve("data/vault");
        try (Store store = Vaults.open(vault, keyset, 8192)) {
            Vaults.fill(store, 150, "perm"); // enough to roll into several segments
        }
        assertEquals("rw-------", mode(keyset));
        assertEquals("rwx------", mode(keyset.getParent()));
        assertEquals("rwx------", mode(vault));
        assertEquals("rwx------", mode(vault.getParent()));
        assertEquals("rw-------", mode(vault.resolve(Format.LOCK)));
        try (Stream<Path> files = Files.list(vault)) {
            List<Path> segments = files.filter(f -> f.getFileName().toString().startsWith("segment-")).toList();
            assertTrue(segments.size() > 1, "expected several segments, found " + segments);
            for (Path segment : segments) {
                assertEquals("rw-------", mode(segment), segment.toString());
            }
        }
    }

    @Test
    void addKeyAndPromoteKeyKeepTheKeysetFilesMode() throws Exception {
        Path keyset = dir.resolve("clear.json");
        KeysetFiles.write(keyset, newKeyset(), null, true);
        assertEquals("rw-------", mode(keyset));
        Files.setPosixFilePermissions(keyset, PosixFilePermissions.fromString("r--------"));
        int added = EncryptedFileStoreProvider.addKey(keyset, null);
        assertEquals("r--------", mode(keyset));
        EncryptedFileStoreProvider.promoteKey(keyset, null, added);
        assertEquals("r--------", mode(keyset));

        Path kekFile = dir.resolve("kek.json");
        KeysetFiles.write(kekFile, KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), null, true);
        Aead kek = KeysetFiles.read(kekFile, null).getPrimitive(RegistryConfiguration.get(), Aead.class);
        Path sealed = dir.resolve("sealed.json");
        KeysetFiles.write(sealed, newKeyset(), kek, true);
        Files.setPosixFilePermissions(sealed, PosixFilePermissions.fromString("rw-r-----"));
        EncryptedFileStoreProvider.addKey(sealed, kek);
        assertEquals("rw-r-----", mode(sealed), "an encrypted keyset keeps a group-readable mode it was given");
    }

    @Test
    void cleartextKeysetReadableByGroupOrOthersIsRefusedAndLeftAlone() throws Exception {
        Path keyset = dir.resolve("clear.json");
        KeysetFiles.write(keyset, newKeyset(), null, true);
        Files.setPosixFilePermissions(keyset, PosixFilePermissions.fromString("rw-r--r--"));
        byte[] before = Files.readAllBytes(keyset);
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                () -> Vaults.open(dir.resolve("vault"), keyset, 8192));
        assertTrue(e.getMessage().contains("rw-r--r--") && e.getMessage().contains("chmod 600"), e.getMessage());
        assertThrows(StoreConfigurationException.class, () -> EncryptedFileStoreProvider.addKey(keyset, null));
        assertArrayEquals(before, Files.readAllBytes(keyset));
        assertFalse(Files.exists(dir.resolve("vault")), "nothing was created");
    }

    @Test
    void symlinkPlantedAtTheOldTempNameReceivesNoKeyMaterialAndNoTempFileIsLeft() throws Exception {
        Path keyset = dir.resolve("vault.keyset.json");
        Path target = dir.resolve("attacker-readable");
        Files.writeString(target, "");
        Files.createSymbolicLink(dir.resolve("vault.keyset.json.tmp"), target);
        try (Store store = Vaults.open(dir.resolve("vault"), keyset, 8192)) {
            Vaults.fill(store, 1, "link");
        }
        assertEquals(0, Files.size(target), "key material was written through the planted link");
        assertTrue(Files.isRegularFile(keyset, LinkOption.NOFOLLOW_LINKS));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".vault.keyset"))
                    .toList(), "temp files left behind");
        }
    }

    private static KeysetHandle newKeyset() throws Exception {
        return KeysetHandle.generateNew(PredefinedAeadParameters.XAES_256_GCM_192_BIT_NONCE);
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
