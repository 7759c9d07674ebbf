package dev.steadfast.lifecycle;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.steadfast.lifecycle.CopyException.Reason.NOT_VERIFIED;
import static dev.steadfast.lifecycle.CopyException.Reason.REFUSED;

/**
 * Restores an {@link ExportFormat} file into an empty store of any backend: checks the whole file's checksum first
 * (nothing is written from a damaged file), then writes in batches and verifies the target against the digest the
 * file carries. Not resumable: an interrupted import leaves a partial store; import again into a fresh one.
 */
public final class StoreImport {
    private final Store target;
    private final CopyOptions options;
    private final List<byte[]> entries = new ArrayList<>();
    private WriteBatch.Builder others = WriteBatch.builder();
    private int pendingOthers;
    private StreamId stream;
    private long head;
    /** Snapshots, records, fences, journals, entries written. */
    private final long[] counts = new long[5];

    private StoreImport(Store target, CopyOptions options) {
        this.target = target;
        this.options = options;
    }

    /**
     * Imports {@code file} into {@code target}, which must be empty.
     *
     * @throws CopyException for a non-empty target or a store that does not verify
     * @throws IOException   for an unreadable file, a wrong magic, version or checksum, or a malformed frame
     */
    public static CopyReport read(Path file, Store target, CopyOptions options) throws IOException {
        checkChecksum(file);
        String contents = StoreCopy.contents(target);
        if (!contents.isEmpty()) {
            throw new CopyException(REFUSED, "the import target is not empty (" + contents + "); import into an "
                    + "empty store");
        }
        return new StoreImport(target, options).apply(file);
    }

    private static void checkChecksum(Path file) throws IOException {
        long size = Files.size(file);
        int tail = 1 + 32;
        if (size < ExportFormat.MAGIC.length + 4 + tail) {
            throw new IOException(file + " is not a Steadfast export: only " + size + " bytes");
        }
        MessageDigest sha = StoreExport.sha256();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            header(new DataInputStream(in), file, sha);
            byte[] buffer = new byte[8192];
            long left = size - tail - ExportFormat.MAGIC.length - 4;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException(file + " ended early");
                }
                sha.update(buffer, 0, n);
                left -= n;
            }
            byte[] end = in.readNBytes(tail);
            if (end[0] != ExportFormat.END || !Arrays.equals(Arrays.copyOfRange(end, 1, tail), sha.digest())) {
                throw new IOException(file + " fails its SHA-256 checksum: the file is damaged or truncated; "
                        + "nothing was imported");
            }
        }
    }

    private static void header(DataInputStream in, Path file, MessageDigest sha) throws IOException {
        byte[] magic = in.readNBytes(ExportFormat.MAGIC.length);
        if (!Arrays.equals(magic, ExportFormat.MAGIC)) {
            throw new IOException(file + " is not a Steadfast export: it does not start with STEADFAST-EXPORT");
        }
        int version = in.readInt();
        if (version != ExportFormat.VERSION) {
            throw new IOException(file + " is export format version " + version + ", this library reads version "
                    + ExportFormat.VERSION);
        }
        sha.update(magic);
        sha.update(new byte[] {(byte) (version >>> 24), (byte) (version >>> 16), (byte) (version >>> 8),
            (byte) version});
    }

    private CopyReport apply(Path file) throws IOException {
        Map<String, String> expected = new TreeMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            header(in, file, StoreExport.sha256());
            for (int tag = in.readByte(); tag != ExportFormat.END; tag = in.readByte()) {
                switch (tag) {
                    case ExportFormat.JOURNAL -> startJournal(in.readUTF(), in.readLong(), in.readLong());
                    case ExportFormat.ENTRY -> entry(in.readLong(), bytes(in));
                    case ExportFormat.SNAPSHOT -> other(0).putSnapshot(in.readUTF(),
                            in.readLong(), bytes(in));
                    case ExportFormat.RECORD -> other(1).putRecord(in.readUTF(), RecordKey.of(bytes(in)),
                            bytes(in));
                    case ExportFormat.FENCE -> other(2).setFence(new Fence(in.readUTF(), in.readUTF(),
                            in.readLong(), in.readUTF(), in.readLong()), 0);
                    case ExportFormat.DIGEST -> {
                        for (int i = in.readInt(); i > 0; i--) {
                            expected.put(in.readUTF(), in.readUTF());
                        }
                    }
                    default -> throw new IOException(file + " holds unknown frame tag " + tag);
                }
            }
        }
        flushEntries();
        flushOthers();
        StoreDigest want = new StoreDigest(expected);
        StoreDigest got = StoreDigest.of(target);
        List<String> differences = want.differences(got, false);
        if (!differences.isEmpty()) {
            throw new CopyException(NOT_VERIFIED, "the import does not verify; " + differences.size()
                    + " unit(s) differ, first: " + differences.get(0));
        }
        options.progress().accept("import: verified " + want.units().size() + " units equal");
        return new CopyReport((int) counts[3], counts[4], counts[0], counts[1], counts[2], false, got);
    }

    private void startJournal(String name, long exportedHead, long first) {
        flushEntries();
        flushOthers();
        stream = StreamId.of(name);
        head = JournalCopier.rebuildTruncatedPrefix(target, stream, 0, first, options.batchSize(), h -> { });
        counts[3]++;
    }

    private void entry(long sequence, byte[] payload) {
        if (stream == null || sequence != head + entries.size() + 1) {
            throw new CopyException(NOT_VERIFIED, "export entry " + sequence + " is out of order for journal '"
                    + stream + "' at head " + (head + entries.size()));
        }
        entries.add(payload);
        if (entries.size() >= options.batchSize()) {
            flushEntries();
        }
    }

    private WriteBatch.Builder other(int kind) {
        flushEntries();
        counts[kind]++;
        if (++pendingOthers > options.batchSize()) {
            flushOthers();
            pendingOthers = 1;
        }
        return others;
    }

    private void flushEntries() {
        if (!entries.isEmpty()) {
            StoreCopy.commit(target, WriteBatch.builder().append(stream, head, entries).build(),
                    "entries of journal '" + stream + "'");
            head += entries.size();
            counts[4] += entries.size();
            entries.clear();
            options.progress().accept("import: journal '" + stream + "' at " + head);
        }
    }

    private void flushOthers() {
        if (pendingOthers > 0) {
            StoreCopy.commit(target, others.build(), "snapshots, records and fences");
            options.progress().accept("import: " + (counts[0] + counts[1] + counts[2])
                    + " snapshots, records and fences");
        }
        others = WriteBatch.builder();
        pendingOthers = 0;
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        return in.readNBytes(in.readInt());
    }
}
