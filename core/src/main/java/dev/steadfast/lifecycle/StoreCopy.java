package dev.steadfast.lifecycle;

import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.steadfast.lifecycle.CopyException.Reason.CONFLICT;
import static dev.steadfast.lifecycle.CopyException.Reason.NOT_VERIFIED;
import static dev.steadfast.lifecycle.CopyException.Reason.REFUSED;

/**
 * Copies every kind of state from one store to another of any backend: journals (with their heads and truncated
 * prefixes), snapshots, record namespaces and fences, in bounded batches, then verifies that both stores have the
 * same {@link StoreDigest}.
 *
 * <p>Resumable: while a copy runs the target holds a marker record (namespace {@value #PROGRESS_NAMESPACE}) naming
 * the source; a run that finds the marker continues instead of refusing the non-empty target, and each journal
 * continues from the target's head. The marker is removed only after verification succeeds, so a target without
 * it is complete. A target that holds other state is refused unless {@link CopyOptions#merge()} is set; then the
 * source's units must end equal in the target, and the target's own other units are kept.
 */
public final class StoreCopy {
    /** The record namespace of the in-progress marker; left out of digests. */
    public static final String PROGRESS_NAMESPACE = "steadfast.copy";

    private final Store source;
    private final Store target;
    private final CopyOptions options;
    private long batches;

    private StoreCopy(Store source, Store target, CopyOptions options) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Copies {@code source} into {@code target} and verifies the result.
     *
     * @param source  read only
     * @param target  written in batches; a copy interrupted midway resumes where it stopped when run again
     * @param options batch size, merge, progress
     * @return what was copied and the digest both stores agree on
     * @throws CopyException when the target is refused, changes under the copy, or does not verify
     */
    public static CopyReport run(Store source, Store target, CopyOptions options) {
        return new StoreCopy(source, target, options).run();
    }

    private CopyReport run() {
        byte[] identity = (source.descriptor().scheme() + ":" + source.descriptor().location())
                .getBytes(StandardCharsets.UTF_8);
        boolean resumed = ProgressMarker.startOrResume(target, "copy", identity, options.merge(), this::progress);
        List<StreamId> streams = source.listStreams("");
        JournalCopier journals = new JournalCopier(source, target, options.batchSize());
        long entries = 0;
        int done = 0;
        for (StreamId stream : streams) {
            String position = (done + 1) + "/" + streams.size();
            long sourceHead = source.journalHead(stream);
            entries += journals.copy(stream, head -> progress("journal " + position + " '" + stream + "' at "
                    + head + "/" + sourceHead));
            done++;
            progress("journals: " + done + "/" + streams.size() + " streams, " + entries + " entries");
        }
        long snapshots = copySnapshots();
        long records = copyRecords();
        long fences = copyFences();
        StoreDigest expected = StoreDigest.of(source);
        List<String> differences = expected.differences(StoreDigest.of(target), options.merge());
        if (!differences.isEmpty()) {
            throw new CopyException(NOT_VERIFIED, "the copy does not verify; " + differences.size()
                    + " unit(s) differ, first: "
                    + String.join("; ", differences.subList(0, Math.min(5, differences.size())))
                    + " (the target keeps its in-progress marker: fix the cause and run the copy again)");
        }
        ProgressMarker.finish(target);
        progress("verified: " + expected.units().size() + " units equal");
        return new CopyReport(streams.size(), entries, snapshots, records, fences, resumed, expected);
    }

    static String contents(Store store) {
        int streams = store.listStreams("").size();
        int snapshots = store.listSnapshots("").size();
        int namespaces = store.listNamespaces("").size();
        int fences = store.listFences("").size();
        if (streams + snapshots + namespaces + fences == 0) {
            return "";
        }
        return streams + " journal(s), " + snapshots + " snapshot(s), " + namespaces + " record namespace(s), "
                + fences + " fence(s)";
    }

    private long copySnapshots() {
        long written = 0;
        WriteBatch.Builder batch = WriteBatch.builder();
        int pending = 0;
        for (String key : source.listSnapshots("")) {
            Optional<Snapshot> snapshot = source.loadSnapshot(key);
            if (snapshot.isEmpty() || snapshot.equals(target.loadSnapshot(key))) {
                continue;
            }
            batch.op(new dev.steadfast.spi.WriteOp.PutSnapshot(snapshot.get()));
            if (++pending == options.batchSize()) {
                commit(target, batch.build(), "snapshots");
                written += pending;
                pending = 0;
                batch = WriteBatch.builder();
                progress("snapshots: " + written + " written");
            }
        }
        if (pending > 0) {
            commit(target, batch.build(), "snapshots");
            written += pending;
        }
        progress("snapshots: " + written + " written");
        return written;
    }

    private long copyRecords() {
        long written = 0;
        for (String namespace : source.listNamespaces("")) {
            if (namespace.equals(PROGRESS_NAMESPACE)) {
                continue;
            }
            RecordKey after = null;
            while (true) {
                List<StoredRecord> page = recordsAfter(source, namespace, after, options.batchSize());
                if (page.isEmpty()) {
                    break;
                }
                WriteBatch.Builder batch = WriteBatch.builder();
                page.forEach(r -> batch.putRecord(namespace, r.key(), r.value()));
                commit(target, batch.build(), "records of namespace '" + namespace + "'");
                written += page.size();
                progress("records: " + written + " written");
                after = page.get(page.size() - 1).key();
            }
        }
        return written;
    }

    private long copyFences() {
        long written = 0;
        for (Fence fence : source.listFences("")) {
            Optional<Fence> existing = target.readFence(fence.name());
            if (existing.isPresent() && existing.get().equals(fence)) {
                continue;
            }
            long epoch = existing.map(Fence::epoch).orElse(0L);
            if (epoch > fence.epoch()) {
                throw new CopyException(REFUSED, "fence '" + fence.name() + "' is at epoch " + epoch
                        + " in the target, ahead of the source's epoch " + fence.epoch());
            }
            commit(target, WriteBatch.builder().setFence(fence, epoch).build(), "fence '" + fence.name() + "'");
            written++;
        }
        progress("fences: " + written + " written");
        return written;
    }

    private void progress(String line) {
        batches++;
        options.progress().accept("copy [" + batches + "] " + line);
    }

    /** Applies {@code batch}; a conflict means someone else writes to the target, which a copy cannot allow. */
    static void commit(Store store, WriteBatch batch, String what) {
        WriteResult result = store.apply(batch);
        if (result instanceof Conflict conflict) {
            throw new CopyException(CONFLICT, "writing " + what + " to the target conflicted (" + conflict
                    + "); something else writes to the target, stop it and run the copy again");
        }
    }

    /** Up to {@code limit} records of {@code namespace} after {@code after} (all from the start when null). */
    static List<StoredRecord> recordsAfter(Store store, String namespace, RecordKey after, int limit) {
        // Closed once read: a JDBC store's cursor keeps its pooled connection until then, and limit() below stops
        // reading before the cursor sees its end.
        if (after == null) {
            try (Stream<StoredRecord> records = store.scanRecords(namespace, dev.steadfast.spi.KeyRange.all(), limit)) {
                return records.toList();
            }
        }
        // Scanning from the last key itself and dropping it avoids building a successor key, which could exceed
        // RecordKey.MAX_BYTES.
        try (Stream<StoredRecord> records = store.scanRecords(namespace, dev.steadfast.spi.KeyRange.from(after),
                limit + 1)) {
            return records.filter(r -> !r.key().equals(after)).limit(limit).toList();
        }
    }
}
