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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An exclusive OS lock on the store directory's {@code LOCK} file, held while the store is open. The in-memory
 * index is the authority for guards, so a second writer (another process, or another handle in this one) would
 * break fencing: it is refused instead. The OS drops the lock when the process dies, so a crash leaves no stale lock.
 *
 * <p>An OS lock belongs to a file, not to a name: if {@code LOCK} is deleted or replaced while the store is open,
 * a second process creates and locks a new file under the same name and opens the store too. Java can neither lock
 * a directory nor tell which file an open channel is, and must never open {@code LOCK} a second time (closing any
 * descriptor of a file drops the process's POSIX locks on it), so identity comes from {@code stat} alone: the name's
 * file identity is the same before opening and after locking (else the lock is taken again), and before every write
 * {@link #held()} compares it with the locked one (an unlinked file stays open, so its inode number cannot be
 * reused meanwhile). A holder that lost its file stops writing; what is left is the one batch that may be in
 * flight at the moment the file is swapped.
 */
final class DirectoryLock implements AutoCloseable {
    private static final int ATTEMPTS = 5;
    /**
     * The directories (real paths) whose {@code LOCK} this process holds. A second acquire is refused here, before
     * it opens {@code LOCK}: closing its channel after the OS refused it used to drop the first handle's lock, and
     * another process could then open the store beside it.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Object identity;
    private final Path heldKey;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DirectoryLock(Path file, FileChannel channel, FileLock lock, Object identity, Path heldKey) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.identity = identity;
        this.heldKey = heldKey;
    }

    static DirectoryLock acquire(Path dir) {
        Path key;
        try {
            key = dir.toRealPath();
        } catch (IOException e) {
            key = dir.toAbsolutePath().normalize();
        }
        if (!HELD.add(key)) {
            throw alreadyOpenHere(dir, null);
        }
        try {
            return lockFile(dir, key);
        } catch (RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    private static StoreConfigurationException alreadyOpenHere(Path dir, Exception cause) {
        return new StoreConfigurationException("store " + dir + " is already open in this process; close the"
                + " other handle first (encrypted-file: stores admit one open handle at a time)", cause);
    }

    private static DirectoryLock lockFile(Path dir, Path key) {
        Path file = dir.resolve(Format.LOCK);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Object before = identityOrNull(file);
            FileChannel ch;
            try {
                ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS), PrivateFiles.ownerOnly(file));
            } catch (IOException e) {
                throw new StoreIOException("cannot open lock file " + file + ": " + e.getMessage(), e);
            }
            FileLock lock = tryLock(dir, file, ch);
            Object after = identityOrNull(file);
            if (after == null && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return new DirectoryLock(file, ch, lock, null, key); // no file identities here: nothing to compare
            }
            if (after != null && after.equals(before)) {
                return new DirectoryLock(file, ch, lock, after, key);
            }
            // created by this call (no identity to compare before opening), deleted or swapped meanwhile: the
            // next attempt finds the file in place and confirms that the name still leads to the locked one
            closeQuietly(ch);
        }
        throw new StoreConfigurationException("store " + dir + ": " + file + " keeps being replaced while it is "
                + "locked; another process may be opening the store, try again");
    }

    private static FileLock tryLock(Path dir, Path file, FileChannel ch) {
        try {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                // Not a configuration error: the same URI opens once the other process is gone.
                throw new StoreIOException("store " + dir + " is already open in another process"
                        + " (it holds " + file + "); encrypted-file: stores admit one process at a time");
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            closeQuietly(ch);
            throw alreadyOpenHere(dir, e);
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
        return identity == null || identity.equals(identityOrNull(file));
    }

    private static Object identityOrNull(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it anyway
        }
        closeQuietly(channel);
        HELD.remove(heldKey);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
