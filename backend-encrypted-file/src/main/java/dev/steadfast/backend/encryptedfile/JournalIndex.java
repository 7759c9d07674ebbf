package dev.steadfast.backend.encryptedfile;

import java.util.Arrays;

/**
 * Where the retained entries of one journal live on disk: for every sequence in {@code [low, low + count)} the
 * location ({@link Location}) of the record holding it. Eight bytes per entry; payloads stay on disk.
 */
final class JournalIndex {
    private long head;
    private long low = 1;
    private long[] locations = new long[8];
    private int start;
    private int count;

    long head() {
        return head;
    }

    /** The first retained sequence; {@code > head} when nothing is retained. */
    long low() {
        return count == 0 ? head + 1 : low;
    }

    /** The location of entry {@code sequence}, or -1 when it is not retained. */
    long location(long sequence) {
        if (count == 0 || sequence < low || sequence >= low + count) {
            return -1;
        }
        return locations[start + (int) (sequence - low)];
    }

    void append(long firstSequence, int n, long location) {
        if (count == 0) {
            low = firstSequence;
        } else if (firstSequence != low + count) {
            throw new IllegalStateException("entries " + firstSequence + ".. do not follow " + (low + count - 1));
        }
        ensureRoom(n);
        Arrays.fill(locations, start + count, start + count + n, location);
        count += n;
        head = Math.max(head, firstSequence + n - 1);
    }

    void raiseHead(long newHead) {
        head = Math.max(head, newHead);
    }

    /** Drops entries up to {@code upTo}; the head stays. */
    void truncate(long upTo) {
        if (count == 0 || upTo < low) {
            return;
        }
        int drop = (int) Math.min(count, upTo - low + 1);
        start += drop;
        count -= drop;
        low += drop;
        if (count == 0) {
            start = 0;
        }
    }

    private void ensureRoom(int n) {
        if (start + count + n <= locations.length) {
            return;
        }
        if (start > 0 && count + n <= locations.length / 2) {
            System.arraycopy(locations, start, locations, 0, count);
            start = 0;
            return;
        }
        long[] grown = new long[Math.max(locations.length * 2, count + n + 8)];
        System.arraycopy(locations, start, grown, 0, count);
        locations = grown;
        start = 0;
    }
}
