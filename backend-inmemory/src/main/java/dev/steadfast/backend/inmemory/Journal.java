package dev.steadfast.backend.inmemory;

import java.util.NavigableMap;
import java.util.TreeMap;

/** One stream's retained entries and its head; the head is kept apart because truncation never lowers it. */
final class Journal {
    long head;
    final NavigableMap<Long, byte[]> entries = new TreeMap<>();

    void append(Iterable<byte[]> payloads) {
        for (byte[] payload : payloads) {
            entries.put(++head, payload.clone());
        }
    }

    void truncate(long upToSequence) {
        entries.headMap(Math.min(upToSequence, head), true).clear();
    }
}
