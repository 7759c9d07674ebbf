package dev.steadfast.backend.encryptedfile;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.StreamId;

import java.util.List;

/**
 * One already-validated change as logged in a record and replayed into the index. Unlike a {@code WriteOp} it
 * carries no condition: conditions were checked before the record was written.
 */
sealed interface Change {
    /** Entries with sequences {@code firstSequence, firstSequence + 1, ...}. */
    record Appended(StreamId stream, long firstSequence, List<byte[]> payloads) implements Change {
    }

    /** The head of a journal is at least {@code head} (written by compaction, whose entries may be truncated). */
    record HeadRaised(StreamId stream, long head) implements Change {
    }

    record SnapshotPut(Snapshot snapshot) implements Change {
    }

    record SnapshotDeleted(String key) implements Change {
    }

    record RecordPut(String namespace, RecordKey key, byte[] value) implements Change {
    }

    record RecordRemoved(String namespace, RecordKey key) implements Change {
    }

    record NamespaceDropped(String namespace) implements Change {
    }

    /** Entries up to {@code upTo} (already clamped to the head) are gone. */
    record Truncated(StreamId stream, long upTo) implements Change {
    }

    record FenceSet(Fence fence) implements Change {
    }
}
