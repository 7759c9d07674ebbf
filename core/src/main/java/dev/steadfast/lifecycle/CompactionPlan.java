package dev.steadfast.lifecycle;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a {@link Compaction} would remove.
 *
 * @param streams      the journals it would truncate, with how much
 * @param storageBytes the store's size now, if the backend can tell
 */
public record CompactionPlan(List<StreamCut> streams, OptionalLong storageBytes) {
    /**
     * Copies the list.
     *
     * @param streams      the journals it would truncate, with how much
     * @param storageBytes the store's size now, if the backend can tell
     */
    public CompactionPlan {
        streams = List.copyOf(streams);
    }

    /** {@return the journal entries it would remove, over every journal} */
    public long entries() {
        return streams.stream().mapToLong(StreamCut::entries).sum();
    }

    /**
     * {@return the payload bytes of those entries: the space it frees, before the backend's own overhead per entry}
     */
    public long payloadBytes() {
        return streams.stream().mapToLong(StreamCut::payloadBytes).sum();
    }
}
