package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.RepairReport;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.spi.StreamId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Repair on each case open refuses ({@link OpenRefusalTest}): it reports what was lost, moves or copies every file
 * it takes out into the quarantine byte for byte, and the store then opens holding every record before the damage.
 */
class RepairTest {
    private static final long SMALL = 4096;
    private static final long LARGE = 1 << 20;

    @TempDir
    Path dir;

    private Path keyset() {
        return dir.resolve("k.json");
    }

    @Test
    void aRestoredOlderManifestIsQuarantinedAndEveryRecordIsKept() throws IOException {
        Path vault = dir.resolve("vault");
        Vaults.fillAndClose(vault, keyset(), SMALL, 50, "old");
        byte[] oldManifest = Files.readAllBytes(vault.resolve(Format.MANIFEST));
        String all = Vaults.fillAndClose(vault, keyset(), SMALL, 200, "new");
        Files.write(vault.resolve(Format.MANIFEST), oldManifest);
        RepairReport report = repairQuarantiningByteForByte(vault, SMALL);
        assertTrue(report.lostEntries().isEmpty() && report.otherLosses().isEmpty(), report.toString());
        assertTrue(report.unknowns().isEmpty(), report.toString());
        assertEquals(all, dumpAfterRepair(vault, SMALL));
    }

    @Test
    void anOlderCopyOfTheOnlySegmentKeepsItsRecordsAndSaysTheNewerOnesCannotBeKnown() throws IOException {
        Path vault = dir.resolve("vault");
        String old = Vaults.fillAndClose(vault, keyset(), LARGE, 50, "old");
        Path segment = Vaults.segments(vault).get(0);
        byte[] oldSegment = Files.readAllBytes(segment);
        Vaults.fillAndClose(vault, keyset(), LARGE, 200, "new");
        Files.write(segment, oldSegment);
        RepairReport report = repairQuarantiningByteForByte(vault, LARGE);
        assertTrue(report.unknowns().toString().contains("acknowledged"), report.toString());
        assertEquals(old, dumpAfterRepair(vault, LARGE));
    }

    @Test
    void anOlderCopyOfASealedSegmentKeepsTheRecordsBeforeItsEndAndListsEveryNewerEntryLost() throws IOException {
        Path vault = dir.resolve("vault");
        String old = Vaults.fillAndClose(vault, keyset(), SMALL, 50, "old");
        Path newest = Vaults.newest(vault);
        byte[] oldSegment = Files.readAllBytes(newest);
        Vaults.fillAndClose(vault, keyset(), SMALL, 200, "new");
        Files.write(newest, oldSegment);
        RepairReport report = repairQuarantiningByteForByte(vault, SMALL);
        assertEquals(old, dumpAfterRepair(vault, SMALL));
        assertLostUpToTheLastAppend(report, 50, 200);
    }

    @Test
    void anOlderSegmentWithItsOlderManifestQuarantinesTheNewerSegments() throws IOException {
        Path vault = dir.resolve("vault");
        String old = Vaults.fillAndClose(vault, keyset(), SMALL, 50, "old");
        Path newest = Vaults.newest(vault);
        byte[] oldSegment = Files.readAllBytes(newest);
        byte[] oldManifest = Files.readAllBytes(vault.resolve(Format.MANIFEST));
        Vaults.fillAndClose(vault, keyset(), SMALL, 200, "new");
        Files.write(newest, oldSegment);
        Files.write(vault.resolve(Format.MANIFEST), oldManifest);
        RepairReport report = repairQuarantiningByteForByte(vault, SMALL);
        assertEquals(old, dumpAfterRepair(vault, SMALL));
        assertLostUpToTheLastAppend(report, 50, 200);
    }

    @Test
    void aForeignSegmentIsQuarantinedAndNothingIsLost() throws IOException {
        Path vault = dir.resolve("vault");
        String mine = Vaults.fillAndClose(vault, keyset(), SMALL, 30, "mine");
        Vaults.fillAndClose(dir.resolve("other"), keyset(), SMALL, 30, "theirs");
        long next = Format.segmentIdOf(Vaults.newest(vault).getFileName().toString()) + 1;
        Files.copy(Vaults.segments(dir.resolve("other")).get(0), vault.resolve(Format.segmentFileName(next)));
        RepairReport report = repairQuarantiningByteForByte(vault, SMALL);
        assertTrue(report.lostEntries().isEmpty(), report.toString());
        assertTrue(report.unknowns().toString().contains("another store"), report.toString());
        assertEquals(mine, dumpAfterRepair(vault, SMALL));
    }

    @Test
    void segmentsUnderNonCanonicalNamesAreQuarantined() throws IOException {
        Path vault = dir.resolve("vault");
        String all = Vaults.fillAndClose(vault, keyset(), LARGE, 10, "alias");
        Files.copy(Vaults.segments(vault).get(0), vault.resolve("segment-1.seg"));
        Files.copy(Vaults.segments(vault).get(0), vault.resolve("segment-000000000001.seg.bak"));
        RepairReport report = repairQuarantiningByteForByte(vault, LARGE);
        assertTrue(report.actions().toString().contains("segment-1.seg"), report.toString());
        assertEquals(all, dumpAfterRepair(vault, LARGE));
    }

    @Test
    void oneDamagedRecordInACrashedStoreKeepsTheRecordsBeforeItAndListsTheLostSequencesOfEachStream()
            throws IOException {
        Path vault = dir.resolve("vault");
        Path image = dir.resolve("image");
        try (Store store = Vaults.open(vault, keyset(), LARGE)) {
            Vaults.fill(store, 100, "crash");
            Vaults.copyDirectory(vault, image);
        }
        String firstNine = Vaults.fillAndClose(dir.resolve("reference"), keyset(), LARGE, 9, "crash");
        Path segment = Vaults.segments(image).get(0);
        int record10 = Vaults.frameOffsets(Files.readAllBytes(segment)).get(10);
        OpenRefusalTest.flipBit(segment, record10 + 60);
        RepairReport report = repairQuarantiningByteForByte(image, LARGE);
        assertEquals(firstNine, dumpAfterRepair(image, LARGE));
        // batch i appends two entries to orders/(i % 3); batches 0..8 are kept, batch 9 (orders/0) is unreadable
        assertEquals(List.of(
                new RepairReport.LostEntries(StreamId.of("orders/0"), 7, 8, false),
                new RepairReport.LostEntries(StreamId.of("orders/0"), 9, 68, true),
                new RepairReport.LostEntries(StreamId.of("orders/1"), 7, 66, true),
                new RepairReport.LostEntries(StreamId.of("orders/2"), 7, 66, true)), report.lostEntries());
        assertTrue(report.unknowns().toString().contains("bytes " + record10 + ".."), report.toString());
        assertTrue(report.otherLosses().toString().contains("fence 'lease'"), report.toString());
    }

    @Test
    void aRepairKilledBeforeItsManifestWriteOrBeforeItsCutIsFinishedByASecondRepair() throws IOException {
        Path vault = dir.resolve("vault");
        Vaults.fillAndClose(vault, keyset(), SMALL, 100, "many");
        Path second = Vaults.segments(vault).get(1);
        OpenRefusalTest.flipBit(second, Files.size(second) / 2);
        Path image = dir.resolve("image");
        Vaults.copyDirectory(vault, image);
        RepairReport done = repairQuarantiningByteForByte(vault, SMALL);
        assertTrue(done.actions().toString().contains("cut it at offset"), done.toString());
        assertTrue(done.actions().toString().contains("move segment-"), done.toString());
        String repaired = dumpReadOnly(vault);
        Path quarantine = Path.of(done.quarantine());
        // The files a kill leaves after the moves and the cut, before the manifest write; then before the cut too.
        Path beforeManifest = dir.resolve("before-manifest");
        Vaults.copyDirectory(vault, beforeManifest);
        Files.copy(quarantine.resolve(Format.MANIFEST), beforeManifest.resolve(Format.MANIFEST),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path beforeCut = dir.resolve("before-cut");
        Vaults.copyDirectory(beforeManifest, beforeCut);
        Files.copy(quarantine.resolve(second.getFileName()), beforeCut.resolve(second.getFileName()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (Path interrupted : List.of(beforeManifest, beforeCut)) {
            repairQuarantiningByteForByte(interrupted, SMALL);
            assertEquals(repaired, dumpReadOnly(interrupted), interrupted.getFileName().toString());
        }
    }

    @Test
    void aHealthyStoreIsLeftUnchanged() throws IOException {
        Path vault = dir.resolve("vault");
        Vaults.fillAndClose(vault, keyset(), SMALL, 30, "fine");
        TreeMap<String, String> before = Vaults.fingerprint(vault);
        RepairReport report = repair(vault, SMALL, false);
        assertFalse(report.damaged(), report.toString());
        assertEquals("", report.quarantine());
        assertEquals(before, Vaults.fingerprint(vault));
    }

    @Test
    void aDryRunSaysWhatItWouldDoAndChangesNothing() throws IOException {
        Path vault = dir.resolve("vault");
        Vaults.fillAndClose(vault, keyset(), SMALL, 50, "old");
        byte[] oldManifest = Files.readAllBytes(vault.resolve(Format.MANIFEST));
        Vaults.fillAndClose(vault, keyset(), SMALL, 200, "new");
        Files.write(vault.resolve(Format.MANIFEST), oldManifest);
        TreeMap<String, String> before = Vaults.fingerprint(vault);
        RepairReport report = repair(vault, SMALL, true);
        assertTrue(report.damaged() && report.dryRun(), report.toString());
        assertEquals(before, Vaults.fingerprint(vault));
        assertFalse(Files.exists(Path.of(report.quarantine())));
    }

    /** Every stream's entries from the kept head to its last append are lost, read or not. */
    private static void assertLostUpToTheLastAppend(RepairReport report, int... fills) {
        Map<StreamId, Long> last = new TreeMap<>();
        for (RepairReport.LostEntries l : report.lostEntries()) {
            Long previous = last.put(l.stream(), l.lastSequence());
            if (previous != null) {
                assertEquals(previous + 1, l.firstSequence(), "lost ranges are contiguous: " + report);
            }
        }
        assertEquals(3, last.size(), report.toString());
        last.forEach((stream, seq) -> {
            int k = Integer.parseInt(stream.value().substring("orders/".length()));
            long batches = 0;
            for (int n : fills) {
                batches += (n - k + 2) / 3;
            }
            assertEquals(2 * batches, seq, stream + " in " + report);
        });
    }

    private RepairReport repairQuarantiningByteForByte(Path vault, long segmentBytes) {
        TreeMap<String, String> before = Vaults.fingerprint(vault);
        RepairReport report = repair(vault, segmentBytes, false);
        assertTrue(report.damaged(), report.toString());
        Path quarantine = Path.of(report.quarantine());
        assertEquals(vault.getParent(), quarantine.getParent());
        TreeMap<String, String> kept = Vaults.fingerprint(quarantine);
        assertTrue(kept.remove("REPAIR-REPORT.txt") != null, kept.toString());
        assertTrue(kept.containsKey(Format.MANIFEST), kept.toString());
        kept.forEach((name, sha) -> assertEquals(before.get(name), sha, name + " is in the quarantine unchanged"));
        TreeMap<String, String> after = Vaults.fingerprint(vault);
        before.forEach((name, sha) -> assertTrue(sha.equals(after.get(name)) || sha.equals(kept.get(name)),
                name + " is either still in the store unchanged or in the quarantine: " + report));
        return report;
    }

    private RepairReport repair(Path vault, long segmentBytes, boolean dryRun) {
        return new EncryptedFileStoreProvider().repair(StoreSpec.parse("encrypted-file:" + vault + "?keyset="
                + keyset() + "&segmentBytes=" + segmentBytes), dryRun);
    }

    private String dumpReadOnly(Path vault) {
        try (Store store = new EncryptedFileStoreProvider().open(StoreSpec.parse("encrypted-file:" + vault
                + "?keyset=" + keyset() + "&readOnly=true"))) {
            return Vaults.dump(store);
        }
    }

    private String dumpAfterRepair(Path vault, long segmentBytes) {
        try (Store store = Vaults.open(vault, keyset(), segmentBytes)) {
            String dump = Vaults.dump(store);
            Vaults.fill(store, 3, "after-repair");
            return dump;
        }
    }


}
