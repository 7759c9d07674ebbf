package dev.steadfast.backend.sqlite;

import dev.steadfast.spi.NoSuchStoreException;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Checks a database file location before any driver touches it, so bad input fails clearly and changes nothing. */
final class DatabaseFile {
    private DatabaseFile() {
    }

    /**
     * The file the spec's location names.
     *
     * @throws StoreConfigurationException if it is empty, a directory, in a missing directory, or read-only
     */
    static Path require(StoreSpec spec, Path file) {
        if (Files.isDirectory(file)) {
            throw new StoreConfigurationException("store " + spec + " names a directory, " + file.toAbsolutePath()
                    + "; give the path of a database file inside it");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new StoreConfigurationException("store " + spec + ": directory " + parent
                    + " does not exist; create it first (Steadfast does not create directories)");
        }
        if (Files.exists(file) && readOnly(file)) {
            throw new StoreConfigurationException("store " + spec + ": file " + file.toAbsolutePath()
                    + " is read-only; a store must be writable (nothing was changed)");
        }
        return file;
    }

    /** For {@code create=false}: the file must be there already, or the driver would create it on connecting. */
    static void requireExisting(StoreSpec spec, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchStoreException("no such store: " + spec + " names " + file.toAbsolutePath()
                    + ", which does not exist (opened with create=false, so nothing was created)");
        }
    }

    static Path path(StoreSpec spec) {
        if (spec.location().isBlank()) {
            throw new StoreConfigurationException("store " + spec + " has no file path; expected for example '"
                    + spec.scheme() + ":./data/app.db'");
        }
        try {
            return Path.of(spec.location());
        } catch (InvalidPathException e) {
            throw new StoreConfigurationException("store " + spec + " has an invalid file path: " + e.getMessage(), e);
        }
    }

    /** Honours the permission bits even for a user (root) the file system would let write anyway. */
    private static boolean readOnly(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return !p.contains(PosixFilePermission.OWNER_WRITE) && !p.contains(PosixFilePermission.GROUP_WRITE)
                    && !p.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return !Files.isWritable(file);
        }
    }
}
