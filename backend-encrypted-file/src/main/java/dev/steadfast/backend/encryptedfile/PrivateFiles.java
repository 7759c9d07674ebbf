package dev.steadfast.backend.encryptedfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Files and directories only their owner may read, created so that nobody can redirect the write: a keyset holds
 * key material, so its temp file gets a random name, is created exclusively (a file or symlink planted at that
 * name fails the write instead of receiving the keys) and is owner-only from its first byte.
 */
final class PrivateFiles {
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateFiles() {
    }

    /** Creates {@code dir} and missing parents owner-only; directories that exist keep their mode. */
    static void createDirectories(Path dir) throws IOException {
        if (posix(dir.toAbsolutePath().getFileSystem())) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** The attribute that makes a new file owner-only, for {@link FileChannel#open} with {@code CREATE_NEW}. */
    static FileAttribute<?>[] ownerOnly(Path file) {
        return posix(file.toAbsolutePath().getFileSystem())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
    }

    /**
     * Replaces {@code file} with {@code content} atomically and durably (exclusive random temp file, fsync, rename,
     * directory fsync). The new file has the old file's permissions if there was one, else owner-only.
     */
    static void replace(Path file, byte[] content) throws IOException {
        boolean posix = posix(file.toAbsolutePath().getFileSystem());
        Set<PosixFilePermission> mode = posix && Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                ? Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                : OWNER_FILE;
        Path temp = writeTemp(file, content, posix ? mode : null);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Durable.syncDirectory(file.toAbsolutePath().getParent());
    }

    /**
     * Creates {@code file}, owner-only, with {@code content} unless it exists, atomically and durably: the content
     * is written and synced under a temp name and then linked to {@code file}, which fails if the name is taken, so
     * of two creators racing the second keeps the first's file (a check for absence followed by a rename let the
     * second replace it).
     *
     * @return false when {@code file} existed; it was left as it was
     */
    static boolean createNew(Path file, byte[] content) throws IOException {
        Path temp = writeTemp(file, content, posix(file.toAbsolutePath().getFileSystem()) ? OWNER_FILE : null);
        try {
            Files.createLink(file, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links on this file system: a move that refuses a taken name (checked, then renamed)
            try {
                Files.move(temp, file);
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        } finally {
            Files.deleteIfExists(temp);
            Durable.syncDirectory(file.toAbsolutePath().getParent());
        }
    }

    /** A synced temp file beside {@code file} holding {@code content}, with {@code mode} when not null. */
    private static Path writeTemp(Path file, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + "." + HexFormat.of().formatHex(randomBytes())
                + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), ownerOnly(temp))) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (mode != null) {
                // set explicitly: the umask may have cleared bits of a kept mode
                Files.setPosixFilePermissions(temp, mode);
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /** Whether group or others may read, write or execute {@code file}; false where there are no POSIX modes. */
    static boolean exposed(Path file) throws IOException {
        if (!posix(file.toAbsolutePath().getFileSystem())) {
            return false;
        }
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
        return p.stream().anyMatch(x -> x != PosixFilePermission.OWNER_READ && x != PosixFilePermission.OWNER_WRITE
                && x != PosixFilePermission.OWNER_EXECUTE);
    }

    private static boolean posix(FileSystem fs) {
        return fs.supportedFileAttributeViews().contains("posix");
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }
}
