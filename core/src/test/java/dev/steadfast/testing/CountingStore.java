package dev.steadfast.testing;

import dev.steadfast.spi.Entry;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** A forwarding store that counts journal entries read and remembers the batches applied. */
public final class CountingStore extends ForwardingStore {
    private final AtomicLong entriesRead = new AtomicLong();
    private final List<WriteBatch> batches = new CopyOnWriteArrayList<>();

    /** Counts calls to {@code delegate}. */
    public CountingStore(Store delegate) {
        super(delegate);
    }

    @Override
    public Stream<Entry> readJournal(StreamId stream, long fromSequence, long toSequence, int maxEntries) {
        return super.readJournal(stream, fromSequence, toSequence, maxEntries).peek(e -> entriesRead.incrementAndGet());
    }

    @Override
    public WriteResult apply(WriteBatch batch) {
        batches.add(batch);
        return super.apply(batch);
    }

    /** Journal entries handed out by reads since the last {@link #reset()}. */
    public long entriesRead() {
        return entriesRead.get();
    }

    /** Batches applied since the last {@link #reset()}. */
    public List<WriteBatch> batches() {
        return List.copyOf(batches);
    }

    /** Forgets the counts. */
    public void reset() {
        entriesRead.set(0);
        batches.clear();
    }
}
