package dev.steadfast.lifecycle;

import dev.steadfast.spi.StreamId;

/**
 * The truncation a {@link Compaction} plans for one journal: entries {@code firstKept..cut} go, the head stays.
 *
 * @param stream       the journal
 * @param firstKept    its first entry still stored now
 * @param cut          the last sequence to remove
 * @param head         its head (unchanged by the truncation)
 * @param entries      entries to remove
 * @param payloadBytes their payload bytes
 */
public record StreamCut(StreamId stream, long firstKept, long cut, long head, long entries, long payloadBytes) {
}
