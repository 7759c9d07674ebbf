package dev.steadfast.tck;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A durable store for the kill -9 self-test, in one process at a time: a fresh {@link ReferenceStore} replaying a
 * log of committed batches, each appended and synced before the commit is reported ({@code syncEachCommit}), or —
 * the bug — kept in a buffer written only by {@code close}: it survives close and reopen, not a killed process.
 */
final class LogFileStore extends InjectedFaults.OneByOne {
    private final FileChannel log;
    private final boolean syncEachCommit;
    private final ByteArrayOutputStream unwritten = new ByteArrayOutputStream();
    private final StoreDescriptor descriptor;

    private LogFileStore(Store fresh, FileChannel log, boolean syncEachCommit, Path file) {
        super(fresh);
        this.log = log;
        this.syncEachCommit = syncEachCommit;
        this.descriptor = new StoreDescriptor("log", file.toString(), true, false, false, ReferenceStore.MAX_PAYLOAD);
    }

    static Store open(Path dir, boolean syncEachCommit) {
        Path file = dir.resolve("batches.log");
        Store fresh = ReferenceStore.fresh();
        try {
            if (Files.exists(file)) {
                try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
                    while (true) {
                        fresh.apply(BatchCodec.decode(in.readNBytes(in.readInt())));
                    }
                } catch (EOFException | NegativeArraySizeException tornTail) {
                    // the last record was cut by a kill: it was never acknowledged
                }
            }
            return new LogFileStore(fresh, FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND), syncEachCommit, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public StoreDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public synchronized WriteResult apply(WriteBatch batch) {
        WriteResult result = super.apply(batch);
        if (result.isCommitted()) {
            byte[] encoded = BatchCodec.encode(batch);
            ByteBuffer record = ByteBuffer.allocate(4 + encoded.length).putInt(encoded.length).put(encoded).flip();
            if (syncEachCommit) {
                write(record);
            } else {
                unwritten.write(record.array(), 0, record.limit());
            }
        }
        return result;
    }

    @Override
    public synchronized void close() {
        if (log.isOpen()) {
            write(ByteBuffer.wrap(unwritten.toByteArray()));
            try {
                log.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        super.close();
    }

    private void write(ByteBuffer bytes) {
        try {
            while (bytes.hasRemaining()) {
                log.write(bytes);
            }
            log.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
