package dev.steadfast.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A store of the four kinds of state Steadfast persists: journals, snapshots, records and fences.
 *
 * <p><b>Writing.</b> There is one write path, {@link #apply(WriteBatch)}: a batch's guards are checked and its
 * operations applied as one atomic step, against every other writer the store admits (threads, and processes or
 * machines when {@link StoreDescriptor#sharedAcrossProcesses()}). A conflict is a result, not an exception.
 *
 * <p><b>Durability.</b> When {@link StoreDescriptor#durable()} is true, a batch reported {@link
 * WriteResult.Committed} is visible after the store is closed and opened again, after the process is killed and
 * after a power loss. If the store cannot tell whether a batch was written (an I/O error mid-commit), it must
 * throw, never report success. A volatile store keeps state only while open.
 *
 * <p><b>Reading.</b> Reads see only committed batches, and a batch all at once or not at all. Streams returned by
 * {@link #readJournal} and {@link #scanRecords} are lazy and may hold a cursor: close them (try-with-resources).
 * While one is consumed, later batches may commit and become visible to it (a truncation landing meanwhile skips
 * the entries it removed), but it never shows part of a batch's append and never a gap.
 *
 * <p><b>Bad input.</b> Every method rejects a {@code null} argument with {@link NullPointerException} and an
 * empty, negative or out-of-range argument with {@link IllegalArgumentException}, naming it, before touching any
 * state. A payload larger than {@link StoreDescriptor#maxPayloadBytes()} is rejected the same way.
 *
 * <p><b>Threads and lifecycle.</b> Implementations are thread-safe. After {@link #close()} every method but
 * {@code close} and {@code descriptor} throws {@link StoreClosedException}; {@code close} is idempotent.
 */
public interface Store extends AutoCloseable {

    /**
     * What this store is and promises; never throws, also after close.
     *
     * @return the same descriptor for the store's whole life
     */
    StoreDescriptor descriptor();

    /**
     * Checks the batch's guards and applies its operations atomically.
     *
     * @param batch the guards to check and the operations to apply
     * @return {@link WriteResult.Committed} when everything applied (durably, for a durable store), or the first
     *         {@link Conflict} found, in which case nothing was written
     * @throws IllegalArgumentException if a payload exceeds {@link StoreDescriptor#maxPayloadBytes()}
     * @throws StoreClosedException     if the store is closed
     * @throws StoreException           on a fault; the batch may or may not have applied only if the message
     *                                  says so (a durable store reports uncertainty as a fault, never as success)
     */
    WriteResult apply(WriteBatch batch);

    /**
     * Applies many independent batches, ideally in one transaction and one sync, with one result per batch in
     * the same order. Each batch is atomic on its own and sees the ones before it; one batch's conflict does not
     * affect the others. When this returns, every committed batch is durable (for a durable store). On a fault
     * none of the results is known, so the whole call throws; a {@link StoreBusyException} is the exception: it
     * says no batch of the call was written.
     *
     * <p>The default checks every batch first (nulls and {@link StoreDescriptor#maxPayloadBytes()}), then applies
     * the batches one by one (a busy refusal, or a close racing with the call, after the first batch committed
     * becomes a {@link WriteOutcomeUnknownException}, as the earlier batches were written); an empty list is
     * answered only after a read has shown the store open. Backends override it to share one commit.
     *
     * @param batches independent batches, applied in this order; may be empty
     * @return one result per batch, in the order of {@code batches}
     * @throws NullPointerException     if the list or any batch is null, before anything is written
     * @throws IllegalArgumentException if any batch is invalid, before anything is written
     * @throws StoreClosedException     if the store is closed, also when {@code batches} is empty; nothing of the
     *                                  call was written
     * @throws StoreBusyException       if a wait for another writer ran out before any batch was written
     * @throws StoreException           on a fault, after which none of the results is known
     */
    default List<WriteResult> applyAll(List<WriteBatch> batches) {
        Objects.requireNonNull(batches, "batches");
        batches.forEach(b -> Objects.requireNonNull(b, "batch"));
        if (batches.isEmpty()) {
            requireOpen();
            return List.of();
        }
        // Checked up front: a payload over the limit in batch 3 must not leave batches 1 and 2 committed.
        int max = descriptor().maxPayloadBytes();
        batches.forEach(b -> b.requirePayloadsAtMost(max));
        List<WriteResult> results = new ArrayList<>(batches.size());
        for (WriteBatch batch : batches) {
            try {
                results.add(apply(batch));
            } catch (StoreBusyException | StoreClosedException e) {
                if (results.isEmpty()) {
                    throw e;
                }
                // Busy and closed faults are read as "nothing of the call was written" (group commit tells every
                // writer so); the batches before this one were, so the call's outcome is unknown.
                throw new WriteOutcomeUnknownException("store " + descriptor().location() + ": batch "
                        + (results.size() + 1) + " of " + batches.size() + " was refused ("
                        + (e instanceof StoreBusyException ? "busy" : "store closed") + ") after the ones"
                        + " before it committed; the outcome of the call is unknown", e);
            }
        }
        return results;
    }

    /**
     * Asks the store to report its own mechanics to {@code monitor} from now on (see {@link StoreEvent}) and to
     * offer, during this call, each level it can read (see {@link StoreGauge}). Called at most once, by whoever
     * owns the store, before the store is shared with other threads; the store reports to nothing until then.
     * Optional: the default reports nothing, which suits a backend with no mechanics worth watching. Reporting
     * never changes what a call returns or throws.
     *
     * @param monitor where to report; quick, thread-safe and never throwing
     */
    default void monitor(StoreMonitor monitor) {
    }

    /**
     * Where the next append to a journal must start, read from committed state.
     *
     * @param stream the journal
     * @return the sequence of the last entry ever appended to {@code stream}, 0 if none; truncation does not
     *         lower it
     */
    long journalHead(StreamId stream);

    /**
     * Reads entries of {@code stream} in sequence order, from {@code fromSequence} up to {@code toSequence}
     * (inclusive), at most {@code maxEntries}. Entries removed by truncation are skipped; the result is
     * contiguous. The stream is lazy and never holds the whole journal in memory; close it.
     *
     * @param fromSequence the first sequence wanted, {@code >= 1}
     * @param toSequence   the last sequence wanted, {@code >= 0}; use {@link Long#MAX_VALUE} for "to the head"
     * @param stream       the journal
     * @param maxEntries   the most entries to return, {@code >= 0}
     * @return the entries, in sequence order; empty when none is in the range
     */
    Stream<Entry> readJournal(StreamId stream, long fromSequence, long toSequence, int maxEntries);

    /**
     * Reads entries of {@code stream} from {@code fromSequence} to the head, lazily; close it.
     *
     * @param stream       the journal
     * @param fromSequence the first sequence wanted, {@code >= 1}
     * @return the entries, in sequence order
     */
    default Stream<Entry> readJournal(StreamId stream, long fromSequence) {
        return readJournal(stream, fromSequence, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * Lists journals that were ever appended to, truncated ones included.
     *
     * @param prefix the start every id returned has, {@code ""} for all
     * @return the ids whose head is above 0, in code point order
     */
    List<StreamId> listStreams(String prefix);

    /**
     * Loads the latest snapshot saved under a key.
     *
     * @param key the snapshot's key
     * @return the snapshot, or empty when none was put or it was deleted
     */
    Optional<Snapshot> loadSnapshot(String key);

    /**
     * Lists the snapshots stored now.
     *
     * @param prefix the start every key returned has, {@code ""} for all
     * @return the keys, in code point order
     */
    List<String> listSnapshots(String prefix);

    /**
     * Reads one record.
     *
     * @param namespace the record's namespace
     * @param key       its key
     * @return its value, in an array the caller may keep and change; empty when the record is absent
     */
    Optional<byte[]> getRecord(String namespace, RecordKey key);

    /**
     * Records of {@code namespace} with keys in {@code range}, in unsigned byte order of their keys, at most
     * {@code limit}. Lazy; close it.
     *
     * @param namespace the namespace
     * @param range     the keys wanted
     * @param limit     the most records to return, {@code >= 0}
     * @return the records, in key order
     */
    Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit);

    /**
     * Reads every record of a namespace, lazily; close it.
     *
     * @param namespace the namespace
     * @return the records, in key order
     */
    default Stream<StoredRecord> scanRecords(String namespace) {
        return scanRecords(namespace, KeyRange.all(), Integer.MAX_VALUE);
    }

    /**
     * Lists the namespaces that hold records now.
     *
     * @param prefix the start every namespace returned has, {@code ""} for all
     * @return the namespaces holding at least one record, in code point order
     */
    List<String> listNamespaces(String prefix);

    /**
     * Reads a fence as last committed.
     *
     * @param name the fence's name
     * @return the fence, or empty when it was never set
     */
    Optional<Fence> readFence(String name);

    /**
     * Lists the fences ever set.
     *
     * @param prefix the start every name returned has, {@code ""} for all
     * @return the fences, in code point order of their names
     */
    List<Fence> listFences(String prefix);

    /**
     * How many bytes the store occupies where it keeps its state (its files, or its tables in the database), space
     * freed but not yet given back included; empty when the backend cannot tell. For reports (a compaction's "before"
     * and "after"), never for decisions about what is stored. The default cannot tell: it answers empty once a read
     * has shown the store open.
     *
     * @return the size in bytes, or empty
     * @throws StoreClosedException if the store is closed
     */
    default OptionalLong storageBytes() {
        requireOpen();
        return OptionalLong.empty();
    }

    /**
     * Gives back the space of state already removed (truncated journal prefixes, deleted snapshots, records and
     * namespaces): rewrites files or lets the database return pages, as the backend can. Changes nothing a read can
     * see, and every committed batch stays durable; writers may wait while it runs. May take long on a big store:
     * an operator's step ({@code steadfast compact}), not something to call per write. The default gives nothing
     * back, for backends whose database reuses freed space on its own; it only checks, with a read, that the store
     * is open.
     *
     * @throws StoreClosedException if the store is closed
     * @throws StoreException       if the space cannot be given back (a read-only store, an I/O error); what is
     *                              stored is unchanged
     */
    default void reclaimSpace() {
        requireOpen();
    }

    /**
     * Throws {@link StoreClosedException} if the store is closed, for the defaults that touch no state of their own:
     * an interface cannot see whether its store is open, but every read must throw once it is closed (class
     * javadoc), so one cheap read of a single journal head answers it.
     */
    private void requireOpen() {
        journalHead(StreamId.of("steadfast.open-check"));
    }

    /**
     * Releases the store's resources. Batches already committed stay durable; calls racing with close either
     * complete or throw {@link StoreClosedException}. Idempotent.
     */
    @Override
    void close();
}
