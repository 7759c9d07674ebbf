package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.StreamId;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Spliterator;
import java.util.function.Consumer;

/**
 * Streams a journal range from disk, one record at a time: each step looks the next sequence up in the index
 * (so a compaction in between is harmless), reads and decrypts that record under the read lock, and buffers the
 * stream's entries it holds. Memory stays at one record, whatever the journal's length.
 */
final class JournalReader implements Spliterator<Entry> {
    private final EncryptedFileStore store;
    private final StreamId stream;
    private final long to;
    private final ArrayDeque<Entry> buffer = new ArrayDeque<>();
    private final ReadWindow window = new ReadWindow();
    private long next;
    private long remaining;
    private boolean done;

    /** Checks the arguments of {@link EncryptedFileStore#readJournal} before anything is read. */
    JournalReader(EncryptedFileStore store, StreamId stream, long from, long to, int max) {
        Objects.requireNonNull(stream, "stream");
        if (from < 1) {
            throw new IllegalArgumentException("fromSequence must be >= 1, was " + from);
        }
        if (to < 0) {
            throw new IllegalArgumentException("toSequence must be >= 0, was " + to);
        }
        if (max < 0) {
            throw new IllegalArgumentException("maxEntries must be >= 0, was " + max);
        }
        this.store = store;
        this.stream = stream;
        this.next = from;
        this.to = to;
        this.remaining = max;
    }

    @Override
    public boolean tryAdvance(Consumer<? super Entry> action) {
        if (buffer.isEmpty() && !done) {
            store.read(this::fill);
        }
        Entry e = buffer.poll();
        if (e == null) {
            return false;
        }
        action.accept(e);
        return true;
    }

    private Void fill() {
        JournalIndex journal = store.index.journals.get(stream);
        if (remaining <= 0 || journal == null) {
            done = true;
            return null;
        }
        long last = Math.min(to, journal.head());
        // From the first retained entry on; also after a truncation that landed while this reader was between
        // records: it skips the entries removed (ending the stream there hid every later entry still stored).
        next = Math.max(next, journal.low());
        long location = next > last ? -1 : journal.location(next);
        if (location < 0) {
            done = true; // past the end
            return null;
        }
        Segment segment = store.segments.get(Location.segment(location));
        long offset = Location.offset(location);
        byte[] plaintext = segment.readRecord(offset, store.storeId, store.cipher, window);
        for (Change c : ChangeCodec.decode(plaintext, segment.where(offset))) {
            if (c instanceof Change.Appended a && a.stream().equals(stream)) {
                long seq = a.firstSequence();
                for (byte[] payload : a.payloads()) {
                    if (seq == next && seq <= last && remaining > 0) {
                        buffer.add(new Entry(stream, seq, payload));
                        next++;
                        remaining--;
                    }
                    seq++;
                }
            }
        }
        if (buffer.isEmpty()) {
            throw new CorruptStoreException(segment.where(offset) + " does not hold entry " + next + " of journal '"
                    + stream + "' that the index places there");
        }
        return null;
    }

    @Override
    public Spliterator<Entry> trySplit() {
        return null;
    }

    @Override
    public long estimateSize() {
        return remaining;
    }

    @Override
    public int characteristics() {
        return ORDERED | NONNULL;
    }
}
