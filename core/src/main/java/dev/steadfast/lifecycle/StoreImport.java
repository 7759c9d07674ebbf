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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.steadfast.lifecycle.CopyException.Reason.NOT_VERIFIED;

/**
 * Restores an {@link ExportFormat} file into an empty store of any backend: checks the whole file's checksum first
 * (nothing is written from a damaged file), then writes in batches and verifies the target against the digest the
 * file carries. Resumable like {@link StoreCopy} (the same in-progress marker, naming the file's checksum): importing
 * the same file again into the target of an interrupted import continues where it stopped.
 */
public final class StoreImport {
    private final Store target;
    private final CopyOptions options;
    private final List<byte[]> entries = new ArrayList<>();
    private WriteBatch.Builder others = WriteBatch.builder();
    private int pendingOthers;
    private StreamId stream;
    private long head;
    private boolean resumed;
    /** Snapshots, records, fences, journals, entries written. */
    private final long[] counts = new long[5];

    private StoreImport(Store target, CopyOptions options) {
        this.target = target;
        this.options = options;
    }

    /**
     * Imports {@code file} into {@code target}, which must be empty.
     *
     * @param file    an export written by {@link StoreExport#write}
     * @param target  the empty store written into
     * @param options batch size and progress
     * @return what was imported and the digest it verified
     * @throws CopyException for a non-empty target or a store that does not verify
     * @throws IOException   for an unreadable file, a wrong magic, version or checksum, or a malformed frame
     */
    public static CopyReport read(Path file, Store target, CopyOptions options) throws IOException {
        byte[] checksum = checkChecksum(file);
        StoreImport run = new StoreImport(target, options);
        run.resumed = ProgressMarker.startOrResume(target, "import", ("export with SHA-256 "
                + HexFormat.of().formatHex(checksum)).getBytes(StandardCharsets.UTF_8), false, options.progress());
        return run.apply(file);
    }

    /** Checks the file's SHA-256 against the one it ends with, and returns it. */
    private static byte[] checkChecksum(Path file) throws IOException {
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
            byte[] digest = sha.digest();
            if (end[0] != ExportFormat.END || !Arrays.equals(Arrays.copyOfRange(end, 1, tail), digest)) {
                throw new IOException(file + " fails its SHA-256 checksum: the file is damaged or truncated; "
                        + "nothing was imported");
            }
            return digest;
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
                    case ExportFormat.FENCE -> fence(new Fence(in.readUTF(), in.readUTF(), in.readLong(),
                            in.readUTF(), in.readLong()));
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
        ProgressMarker.finish(target);
        options.progress().accept("import: verified " + want.units().size() + " units equal");
        return new CopyReport((int) counts[3], counts[4], counts[0], counts[1], counts[2], resumed, got);
    }

    private void startJournal(String name, long exportedHead, long first) {
        flushEntries();
        flushOthers();
        stream = StreamId.of(name);
        head = JournalCopier.rebuildTruncatedPrefix(target, stream, target.journalHead(stream), first,
                options.batchSize(), h -> { });
        counts[3]++;
    }

    private void entry(long sequence, byte[] payload) {
        if (resumed && stream != null && entries.isEmpty() && sequence <= head) {
            return; // written by the interrupted run
        }
        if (stream == null || sequence != head + entries.size() + 1) {
            throw new CopyException(NOT_VERIFIED, "export entry " + sequence + " is out of order for journal '"
                    + stream + "' at head " + (head + entries.size()));
        }
        entries.add(payload);
        if (entries.size() >= options.batchSize()) {
            flushEntries();
        }
    }

    /** A fence the interrupted run already set is left alone; its expected epoch is the target's. */
    private void fence(Fence fence) {
        Optional<Fence> existing = resumed ? target.readFence(fence.name()) : Optional.empty();
        if (existing.isPresent() && existing.get().equals(fence)) {
            return;
        }
        other(2).setFence(fence, existing.map(Fence::epoch).orElse(0L));
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
