package dev.steadfast.lifecycle;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/** Writes every kind of state of a store to a stream in the {@link ExportFormat}, reading in bounded pages. */
public final class StoreExport {
    private static final int PAGE = 500;

    private StoreExport() {
    }

    /**
     * Writes every kind of state of {@code store} to {@code out}, which is not closed.
     *
     * @param store read only, in pages
     * @param out   receives the export, with the store's digest and a checksum
     * @return the digest written into the file, which an import verifies against
     * @throws IOException if {@code out} fails
     */
    public static StoreDigest write(Store store, OutputStream out) throws IOException {
        MessageDigest sha = sha256();
        DataOutputStream data = new DataOutputStream(new DigestOutputStream(out, sha));
        data.write(ExportFormat.MAGIC);
        data.writeInt(ExportFormat.VERSION);
        for (StreamId stream : store.listStreams("")) {
            long head = store.journalHead(stream);
            data.writeByte(ExportFormat.JOURNAL);
            data.writeUTF(stream.value());
            data.writeLong(head);
            data.writeLong(JournalCopier.firstRetained(store, stream, head));
            long next = 1;
            while (next <= head) {
                List<Entry> page = JournalCopier.page(store, stream, next, head, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                for (Entry e : page) {
                    data.writeByte(ExportFormat.ENTRY);
                    data.writeLong(e.sequence());
                    bytes(data, e.payload());
                }
                next = page.get(page.size() - 1).sequence() + 1;
            }
        }
        for (String key : store.listSnapshots("")) {
            Snapshot s = store.loadSnapshot(key).orElse(null);
            if (s != null) {
                data.writeByte(ExportFormat.SNAPSHOT);
                data.writeUTF(key);
                data.writeLong(s.coveredSequence());
                bytes(data, s.payload());
            }
        }
        for (String namespace : store.listNamespaces("")) {
            if (namespace.equals(StoreCopy.PROGRESS_NAMESPACE)) {
                continue;
            }
            RecordKey after = null;
            for (List<StoredRecord> page = StoreCopy.recordsAfter(store, namespace, null, PAGE); !page.isEmpty();
                 page = StoreCopy.recordsAfter(store, namespace, after, PAGE)) {
                for (StoredRecord r : page) {
                    data.writeByte(ExportFormat.RECORD);
                    data.writeUTF(namespace);
                    bytes(data, r.key().bytes());
                    bytes(data, r.value());
                }
                after = page.get(page.size() - 1).key();
            }
        }
        for (Fence f : store.listFences("")) {
            data.writeByte(ExportFormat.FENCE);
            data.writeUTF(f.name());
            data.writeUTF(f.owner());
            data.writeLong(f.epoch());
            data.writeUTF(f.token());
            data.writeLong(f.leaseUntilMillis());
        }
        StoreDigest digest = StoreDigest.of(store);
        data.writeByte(ExportFormat.DIGEST);
        data.writeInt(digest.units().size());
        for (Map.Entry<String, String> unit : digest.units().entrySet()) {
            data.writeUTF(unit.getKey());
            data.writeUTF(unit.getValue());
        }
        data.flush();
        byte[] checksum = sha.digest();
        out.write(ExportFormat.END);
        out.write(checksum);
        out.flush();
        return digest;
    }

    private static void bytes(DataOutputStream data, byte[] bytes) throws IOException {
        data.writeInt(bytes.length);
        data.write(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
