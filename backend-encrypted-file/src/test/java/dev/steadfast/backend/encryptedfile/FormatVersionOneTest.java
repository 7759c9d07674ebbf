package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.StreamId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store written by format version 1 (the fixture under {@code src/test/resources/format-v1}, made by the code of
 * commit c917d27 with {@code V1Generator.java.txt} there: 40 batches of {@link Vaults#fill}, 4 KiB segments,
 * closed cleanly) keeps opening: read-write it is migrated to version 2 in one atomic manifest rename; read-only
 * it is read and left byte for byte as it was.
 */
class FormatVersionOneTest {
    private static final long SEGMENT_BYTES = 4096;

    @TempDir
    Path dir;

    @Test
    void aVersionOneStoreOpenedReadWriteIsMigratedKeepsEveryRecordAndTakesNewWrites() throws Exception {
        Path vault = fixture();
        assertEquals(1, manifestVersion(vault));
        try (Store store = Vaults.open(vault, keyset(), SEGMENT_BYTES)) {
            assertEquals(reference(40, 0), Vaults.dump(store));
            assertTrue(((EncryptedFileStore) store).repairedOnOpen.toString().contains("format version 1 to 2"));
            Vaults.fill(store, 30, "v2");
        }
        assertEquals(2, manifestVersion(vault));
        try (Store store = Vaults.open(vault, keyset(), SEGMENT_BYTES)) {
            assertEquals(reference(40, 30), Vaults.dump(store));
            assertTrue(((EncryptedFileStore) store).repairedOnOpen.isEmpty());
        }
    }

    @Test
    void aReadOnlyOpenOfAVersionOneStoreReadsItChangesNothingAndRefusesWrites() throws Exception {
        Path vault = fixture();
        TreeMap<String, String> before = Vaults.fingerprint(vault);
        try (Store store = new EncryptedFileStoreProvider().open(StoreSpec.parse("encrypted-file:" + vault
                + "?keyset=" + keyset() + "&readOnly=true"))) {
            assertEquals(reference(40, 0), Vaults.dump(store));
            StoreIOException e = assertThrows(StoreIOException.class, () -> store.apply(WriteBatch.builder()
                    .append(StreamId.of("orders/0"), store.journalHead(StreamId.of("orders/0")), List.of(new byte[1]))
                    .build()));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        }
        TreeMap<String, String> after = Vaults.fingerprint(vault);
        after.remove(Format.LOCK);
        assertEquals(before, after);
        assertEquals(1, manifestVersion(vault));
    }

    @Test
    void aMigrationKilledBeforeItsManifestRenameLeavesAVersionOneStoreThatTheNextOpenMigrates() throws Exception {
        Path vault = fixture();
        // What a kill between the temp file's write and its rename leaves: the old manifest and a partial temp.
        Files.write(vault.resolve("MANIFEST.00112233aabbccdd.tmp"), new byte[] {'S', 'F', 'E', 'F', 'M', 'A'});
        assertEquals(1, manifestVersion(vault));
        try (Store store = Vaults.open(vault, keyset(), SEGMENT_BYTES)) {
            assertEquals(reference(40, 0), Vaults.dump(store));
        }
        assertEquals(2, manifestVersion(vault));
        assertTrue(Files.notExists(vault.resolve("MANIFEST.00112233aabbccdd.tmp")));
    }

    @Test
    void aVersionOneStoreMigratedByAWriterKilledWithKillNineKeepsItsRecordsAndEveryAcknowledgedWrite()
            throws Exception {
        Path vault = fixture();
        String uri = "encrypted-file:" + vault + "?keyset=" + keyset() + "&segmentBytes=" + SEGMENT_BYTES;
        java.util.Map<StreamId, Long> acked = new java.util.HashMap<>();
        String[] v1State = reference(40, 0).split("\n");
        // Killed early (maybe mid-open, while migrating) and later (writing into the version-1 segment and past it).
        for (int killAfter : new int[] {1, 60, 150}) {
            CrashRecoveryTest.runAndKill(uri, killAfter, acked);
            try (Store store = Vaults.open(vault, keyset(), SEGMENT_BYTES)) {
                CrashRecoveryTest.assertAllAcknowledgedPresent(store, acked, "after a kill at " + killAfter);
                String dump = Vaults.dump(store);
                for (String line : v1State) {
                    assertTrue(dump.contains(line), "the version-1 state is intact: " + line);
                }
            }
        }
        assertEquals(2, manifestVersion(vault));
    }

    /** The state the same batches give in a store of the current version. */
    private String reference(int v1Batches, int v2Batches) {
        try (Store store = Vaults.open(dir.resolve("reference-" + v1Batches + "-" + v2Batches),
                dir.resolve("reference.json"), SEGMENT_BYTES)) {
            Vaults.fill(store, v1Batches, "v1");
            Vaults.fill(store, v2Batches, "v2");
            return Vaults.dump(store);
        }
    }

    private Path fixture() throws IOException, URISyntaxException {
        Path source = Path.of(FormatVersionOneTest.class.getResource("/format-v1").toURI());
        Files.copy(source.resolve("keyset.json"), keyset());
        // a cleartext keyset others may read is refused; the fixture comes out of the build with the umask's mode
        Files.setPosixFilePermissions(keyset(), PosixFilePermissions.fromString("rw-------"));
        Path vault = dir.resolve("vault");
        Vaults.copyDirectory(source.resolve("vault"), vault);
        return vault;
    }

    private Path keyset() {
        return dir.resolve("keyset.json");
    }

    private static int manifestVersion(Path vault) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(vault.resolve(Format.MANIFEST)), 8, 4).getInt();
    }
}
