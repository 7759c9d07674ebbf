package dev.steadfast.benchmarks.encryptedfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The raw baseline for durable appends: length-prefixed records written with {@code FileChannel.write} and made
 * durable with {@code force(false)}, batched by the simplest leader/follower group commit, so that it forms the same
 * kind of batches Steadfast's group commit forms from the same threads. No encryption, no index, no framing beyond
 * the length.
 */
final class RawGroupCommitLog implements AutoCloseable {
    private final FileChannel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition durable = lock.newCondition();
    private List<byte[]> queue = new ArrayList<>();
    private long enqueued;
    private long synced;
    private boolean leading;
    private long position;
    private long groups;
    private long records;

    RawGroupCommitLog(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** Returns once {@code record} is durable. */
    void append(byte[] record) throws InterruptedException {
        lock.lock();
        try {
            long ticket = ++enqueued;
            queue.add(record);
            while (synced < ticket) {
                if (leading) {
                    durable.await();
                    continue;
                }
                leading = true;
                List<byte[]> group = queue;
                queue = new ArrayList<>();
                long upTo = enqueued;
                lock.unlock();
                try {
                    writeAndForce(group);
                } finally {
                    lock.lock();
                }
                synced = upTo;
                leading = false;
                groups++;
                records += group.size();
                durable.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void writeAndForce(List<byte[]> group) {
        int size = 0;
        for (byte[] r : group) {
            size += 4 + r.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        for (byte[] r : group) {
            buf.putInt(r.length).put(r);
        }
        buf.flip();
        try {
            while (buf.hasRemaining()) {
                position += channel.write(buf, position);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    double meanGroupSize() {
        lock.lock();
        try {
            return groups == 0 ? 0 : (double) records / groups;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
