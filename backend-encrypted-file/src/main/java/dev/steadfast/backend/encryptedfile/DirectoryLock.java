package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreIOException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;

/**
 * An exclusive OS lock on the store directory's {@code LOCK} file, held while the store is open. The in-memory
 * index is the authority for guards, so a second writer (another process, or another handle in this one) would
 * break fencing: it is refused instead. The OS drops the lock when the process dies, so a crash leaves no stale lock.
 *
 * <p>An OS lock belongs to a file, not to a name: if {@code LOCK} is deleted or replaced while the store is open,
 * a second process creates and locks a new file under the same name and opens the store too. Java cannot lock a
 * directory itself, so the holder proves the name still leads to its file instead: right after locking it writes
 * a random token through its channel and reads it back by name, and before every write {@link #held()} compares
 * the name's file identity with the locked one (an unlinked file stays open, so its inode number cannot be reused
 * meanwhile). A holder that lost its file stops writing; what is left is the one batch that may be in flight at
 * the moment the file is swapped.
 */
final class DirectoryLock implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final byte[] token;
    private final Object identity;

    private DirectoryLock(Path file, FileChannel channel, FileLock lock, byte[] token, Object identity) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.token = token;
        this.identity = identity;
    }

    static DirectoryLock acquire(Path dir) {
        Path file = dir.resolve(Format.LOCK);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PrivateFiles.ownerOnly(file));
        } catch (IOException e) {
            throw new StoreIOException("cannot open lock file " + file + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                throw new StoreConfigurationException("store " + dir + " is already open in another process"
                        + " (it holds " + file + "); encrypted-file: stores admit one process at a time");
            }
            byte[] token = new byte[16];
            RANDOM.nextBytes(token);
            ch.truncate(0);
            Durable.writeFully(ch, ByteBuffer.wrap(token), 0);
            Object identity = identity(file);
            if (!Arrays.equals(token, Files.readAllBytes(file))) {
                throw new StoreConfigurationException("store " + dir + ": " + file + " was replaced while it was "
                        + "being locked; another process may be opening the store, try again");
            }
            return new DirectoryLock(file, ch, lock, token, identity);
        } catch (OverlappingFileLockException e) {
            closeQuietly(ch);
            throw new StoreConfigurationException("store " + dir + " is already open in this process; close the"
                    + " other handle first (encrypted-file: stores admit one open handle at a time)", e);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new StoreIOException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /**
     * Whether {@code LOCK} is still the file this handle locked. False once it was deleted or replaced: another
     * process may then hold a lock on the new file and write to the store.
     */
    boolean held() {
        try {
            Object now = identity(file);
            return identity != null ? identity.equals(now) : Arrays.equals(token, Files.readAllBytes(file));
        } catch (IOException e) {
            return false;
        }
    }

    private static Object identity(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it anyway
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
