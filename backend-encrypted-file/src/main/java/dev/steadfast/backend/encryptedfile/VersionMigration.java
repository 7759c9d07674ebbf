package dev.steadfast.backend.encryptedfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Upgrades a version-1 store on its first read-write open, after open checked every record. Only the manifest
 * changes: it is rewritten in the current version (body with the retired list, associated data with the current
 * version) by the usual temp file, fsync, atomic rename and directory fsync. The segments stay as they are; each
 * keeps the version in its header, and its records, old and new, are sealed and read with that version's
 * associated data. So the migration is one atomic rename: a crash before it leaves a version-1 store that the next
 * open migrates again, a crash after it a version-2 store.
 */
final class VersionMigration {
    private static final System.Logger LOG = System.getLogger(VersionMigration.class.getName());

    private VersionMigration() {
    }

    static Recovery.Opened migrate(java.nio.file.Path dir, RecordCipher cipher, Recovery.Opened opened, Scan scan) {
        Manifest old = opened.manifest();
        Manifest upgraded = old.next(old.segments(), scan.sequence, scan.chain, List.of());
        ManifestFile.write(dir, upgraded, cipher);
        opened.writer().checkpointAfter(upgraded.generation());
        List<String> repaired = new ArrayList<>(opened.repaired());
        String note = "migrated the manifest from format version 1 to " + Format.VERSION + " (generation "
                + upgraded.generation() + "); the segments keep version 1 and are read as such";
        repaired.add(note);
        LOG.log(System.Logger.Level.INFO, "encrypted-file store " + dir + ": open " + note);
        return new Recovery.Opened(upgraded, opened.index(), opened.segments(), opened.writer(),
                List.copyOf(repaired), false);
    }
}
