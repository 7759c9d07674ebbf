package dev.steadfast.backend.inmemory;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Walks an ordered map lazily, copying at most {@link #CHUNK} items at a time under the store's read lock, so that
 * a read never copies a whole journal and never holds the lock while the caller consumes it. Each chunk is
 * consistent; a truncation that lands between two chunks makes the read skip the entries it removed, as any
 * other read started after it would.
 */
abstract class ChunkedIterator<T> implements Iterator<T> {
    static final int CHUNK = 256;

    private long remaining;
    private List<T> chunk = List.of();
    private int index;
    private T last;
    private boolean exhausted;

    ChunkedIterator(long limit) {
        this.remaining = limit;
        this.exhausted = limit <= 0;
    }

    /** Up to {@code max} items following {@code last} ({@code null}: from the start), in order. */
    abstract List<T> fetch(T last, int max);

    @Override
    public boolean hasNext() {
        if (index < chunk.size()) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        int max = (int) Math.min(CHUNK, remaining);
        chunk = fetch(last, max);
        index = 0;
        if (chunk.size() < max) {
            exhausted = true;
        }
        return !chunk.isEmpty();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        last = chunk.get(index++);
        if (--remaining == 0) {
            exhausted = true;
        }
        return last;
    }

    Stream<T> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
