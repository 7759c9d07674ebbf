package dev.steadfast.lifecycle;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static dev.steadfast.lifecycle.CopyException.Reason.CONFLICT;
import static dev.steadfast.lifecycle.CopyException.Reason.REFUSED;

/**
 * Copies one journal so that the target ends with the source's head, first retained sequence and entries. Works
 * from the target's current head, so a copy cut off anywhere continues where it stopped. A truncated prefix is
 * rebuilt as placeholder entries truncated in the same atomic batch: no reader ever sees a placeholder, and the
 * target's next append gets the same sequence as the source's would.
 */
final class JournalCopier {
    private static final byte[] PLACEHOLDER = new byte[0];

    private final Store source;
    private final Store target;
    private final int batchSize;
    private final long maxBatchBytes;

    JournalCopier(Store source, Store target, int batchSize) {
        this.source = source;
        this.target = target;
        this.batchSize = batchSize;
        this.maxBatchBytes = Math.max(target.descriptor().maxPayloadBytes(), 4L << 20);
    }

    /** Copies {@code stream}, telling {@code afterBatch} the target head after each batch; returns entries written. */
    long copy(StreamId stream, java.util.function.LongConsumer afterBatch) {
        long sourceHead = source.journalHead(stream);
        long first = firstRetained(source, stream, sourceHead);
        long head = target.journalHead(stream);
        if (head > sourceHead) {
            throw new CopyException(REFUSED, "journal '" + stream + "': the target's head " + head
                    + " is ahead of the source's head " + sourceHead + "; it holds events the source does not");
        }
        head = rebuildTruncatedPrefix(target, stream, head, first, batchSize, afterBatch);
        if (head >= first && firstRetained(target, stream, head) < first) {
            // The source dropped a prefix after an interrupted run copied it.
            StoreCopy.commit(target, WriteBatch.builder().guardJournal(stream, head).truncate(stream, first - 1)
                    .build(), "truncation of journal '" + stream + "'");
        }
        long written = 0;
        while (head < sourceHead) {
            List<byte[]> payloads = page(stream, head + 1, sourceHead);
            StoreCopy.commit(target, WriteBatch.builder().append(stream, head, payloads).build(),
                    "entries " + (head + 1) + ".." + (head + payloads.size()) + " of journal '" + stream + "'");
            head += payloads.size();
            written += payloads.size();
            afterBatch.accept(head);
        }
        return written;
    }

    private List<byte[]> page(StreamId stream, long from, long to) {
        List<byte[]> payloads = new ArrayList<>();
        long bytes = 0;
        long expected = from;
        for (Entry e : page(source, stream, from, to, batchSize)) {
            if (e.sequence() != expected) {
                throw new CopyException(CONFLICT, "journal '" + stream + "': expected entry " + expected
                        + " in the source, found " + e.sequence() + " (was the source truncated during the copy?)");
            }
            if (!payloads.isEmpty() && bytes + e.payload().length > maxBatchBytes) {
                break;
            }
            payloads.add(e.payload());
            bytes += e.payload().length;
            expected++;
        }
        if (payloads.isEmpty()) {
            throw new CopyException(CONFLICT, "journal '" + stream + "': the source has no entry " + from
                    + " although its head is " + to + " (was it truncated during the copy?)");
        }
        return payloads;
    }

    /**
     * Brings {@code stream}'s head in {@code target} from {@code head} up to {@code first - 1} with placeholder
     * entries truncated in the same batch, so that the journal looks truncated up to there; returns the new head.
     */
    static long rebuildTruncatedPrefix(Store target, StreamId stream, long head, long first, int batchSize,
                                       java.util.function.LongConsumer afterBatch) {
        while (head < first - 1) {
            int n = (int) Math.min(batchSize, first - 1 - head);
            StoreCopy.commit(target, WriteBatch.builder()
                    .append(stream, head, Collections.nCopies(n, PLACEHOLDER))
                    .truncate(stream, head + n).build(), "truncated prefix of journal '" + stream + "'");
            head += n;
            afterBatch.accept(head);
        }
        return head;
    }

    /** The first retained sequence of {@code stream}, or {@code head + 1} when it retains none. */
    static long firstRetained(Store store, StreamId stream, long head) {
        if (head == 0) {
            return 1;
        }
        try (Stream<Entry> first = store.readJournal(stream, 1, head, 1)) {
            return first.findFirst().map(Entry::sequence).orElse(head + 1);
        }
    }

    /**
     * Up to {@code max} entries of {@code stream} from {@code from} to {@code to}, read into a list and the stream
     * closed: a JDBC store's cursor keeps its pooled connection until then.
     */
    static List<Entry> page(Store store, StreamId stream, long from, long to, int max) {
        try (Stream<Entry> entries = store.readJournal(stream, from, to, max)) {
            return entries.toList();
        }
    }
}
