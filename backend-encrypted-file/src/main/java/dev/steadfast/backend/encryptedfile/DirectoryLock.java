package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreIOException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on the store directory's {@code LOCK} file, held while the store is open. The in-memory
 * index is the authority for guards, so a second writer (another process, or another handle in this one) would
 * break fencing: it is refused instead. The OS drops the lock when the process dies, so a crash leaves no stale lock.
 */
final class DirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path dir) {
        Path file = dir.resolve(Format.LOCK);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreIOException("cannot open lock file " + file + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                throw new StoreConfigurationException("store " + dir + " is already open in another process"
                        + " (it holds " + file + "); encrypted-file: stores admit one process at a time");
            }
            return new DirectoryLock(ch, lock);
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
