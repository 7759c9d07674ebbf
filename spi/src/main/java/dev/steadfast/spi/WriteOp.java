package dev.steadfast.spi;

import java.util.List;
import java.util.Objects;

/**
 * One change inside a {@link WriteBatch}. Operations of a batch apply in order, each seeing the effect of the ones
 * before it, and all of them or none take effect.
 *
 * <p>Two operations carry their own condition: {@link Append} requires the journal to be at its expected head and
 * {@link SetFence} requires the fence to be at its expected epoch. When the condition does not hold at that point
 * of the batch, the batch writes nothing and its result is a {@link SequenceConflict} or {@link FencedOut}.
 */
public sealed interface WriteOp {

    /**
     * Appends entries to a journal that must be at {@code expectedHead}; they get sequences
     * {@code expectedHead + 1, expectedHead + 2, ...}.
     *
     * @param stream       the journal
     * @param expectedHead the head the caller last saw, 0 for an empty journal
     * @param payloads     the entries' bytes, at least one; arrays are not copied, do not change them afterwards
     */
    record Append(StreamId stream, long expectedHead, List<byte[]> payloads) implements WriteOp {
        /**
         * Checks the append and copies the list (not the arrays).
         *
         * @param stream       the journal
         * @param expectedHead the head the caller last saw, {@code >= 0}
         * @param payloads     the entries' bytes, at least one, none null
         * @throws IllegalArgumentException if {@code expectedHead < 0} or there are no payloads
         */
        public Append {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(payloads, "payloads");
            if (expectedHead < 0) {
                throw new IllegalArgumentException("expected head of " + stream + " must be >= 0, was " + expectedHead);
            }
            if (payloads.isEmpty()) {
                throw new IllegalArgumentException("append to " + stream + " needs at least one payload");
            }
            for (int i = 0; i < payloads.size(); i++) {
                if (payloads.get(i) == null) {
                    throw new NullPointerException("payload " + i + " of append to " + stream + " is null");
                }
            }
            payloads = List.copyOf(payloads);
        }

        /**
         * Where the journal will be once this append has applied.
         *
         * @return {@code expectedHead} plus the number of payloads
         */
        public long newHead() {
            return expectedHead + payloads.size();
        }
    }

    /**
     * Replaces the snapshot under {@code snapshot.key()}.
     *
     * @param snapshot the new snapshot
     */
    record PutSnapshot(Snapshot snapshot) implements WriteOp {
        /**
         * Rejects a null snapshot.
         *
         * @param snapshot the new snapshot
         */
        public PutSnapshot {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /**
     * Deletes the snapshot under {@code key}; deleting an absent snapshot is not an error.
     *
     * @param key the snapshot's key
     */
    record DeleteSnapshot(String key) implements WriteOp {
        /**
         * Checks the key.
         *
         * @param key the snapshot's key, a valid {@link Names name}
         */
        public DeleteSnapshot {
            Names.require("snapshot key", key);
        }
    }

    /**
     * Sets the record {@code key} in {@code namespace} to {@code value}.
     *
     * @param namespace the record's namespace
     * @param key       its key
     * @param value     its new bytes; not copied
     */
    record PutRecord(String namespace, RecordKey key, byte[] value) implements WriteOp {
        /**
         * Checks the namespace and rejects nulls.
         *
         * @param namespace the record's namespace, a valid {@link Names name}
         * @param key       its key
         * @param value     its new bytes
         */
        public PutRecord {
            Names.require("record namespace", namespace);
            Objects.requireNonNull(key, "record key");
            Objects.requireNonNull(value, "record value");
        }
    }

    /**
     * Removes the record {@code key} from {@code namespace}; removing an absent record is not an error.
     *
     * @param namespace the record's namespace
     * @param key       its key
     */
    record RemoveRecord(String namespace, RecordKey key) implements WriteOp {
        /**
         * Checks the namespace and rejects nulls.
         *
         * @param namespace the record's namespace, a valid {@link Names name}
         * @param key       its key
         */
        public RemoveRecord {
            Names.require("record namespace", namespace);
            Objects.requireNonNull(key, "record key");
        }
    }

    /**
     * Removes every record of {@code namespace}, atomically with the rest of the batch.
     *
     * @param namespace the namespace
     */
    record DropNamespace(String namespace) implements WriteOp {
        /**
         * Checks the namespace.
         *
         * @param namespace the namespace, a valid {@link Names name}
         */
        public DropNamespace {
            Names.require("record namespace", namespace);
        }
    }

    /**
     * Removes the entries of a journal up to and including {@code upToSequence} (clamped to the head). The head
     * does not move: later appends continue after it, and sequences are never reused.
     *
     * @param stream       the journal
     * @param upToSequence the last sequence to remove
     */
    record TruncateJournal(StreamId stream, long upToSequence) implements WriteOp {
        /**
         * Checks the sequence.
         *
         * @param stream       the journal
         * @param upToSequence the last sequence to remove, {@code >= 1}
         * @throws IllegalArgumentException if {@code upToSequence < 1}
         */
        public TruncateJournal {
            Objects.requireNonNull(stream, "stream");
            if (upToSequence < 1) {
                throw new IllegalArgumentException(
                        "truncate of " + stream + " must go up to a sequence >= 1, was " + upToSequence);
            }
        }
    }

    /**
     * Sets a fence if it is still at {@code expectedEpoch} (0 when the fence must not exist yet). The new epoch
     * may equal the expected one (renew, release) or exceed it (takeover), never be lower.
     *
     * <p>With {@code expected} set (see {@link #replacing}) the stored fence must also be exactly {@code expected}:
     * same owner, epoch, token and lease end. That is the guard on the lease end: a renewal or release made as a
     * compare-and-set on the fence its caller last saw fails once anyone else has changed the lease end at the same
     * epoch, so a release is never undone by a renewal that read the fence before it, in any process. When the
     * condition does not hold, nothing of the batch is written and its result is {@link FencedOut} (its found
     * epoch may then equal the expected one: the lease end or holder differs).
     *
     * @param fence         the fence to store
     * @param expectedEpoch the epoch the fence must be at now
     * @param expected      the exact fence that must be stored now, or null when only the epoch is expected
     */
    record SetFence(Fence fence, long expectedEpoch, Fence expected) implements WriteOp {
        /**
         * Checks that the operation can never move a fence back or compare against another fence.
         *
         * @param fence         the fence to store
         * @param expectedEpoch the epoch the stored fence must be at, {@code >= 0}
         * @param expected      the exact fence that must be stored, or null when only the epoch is expected
         * @throws IllegalArgumentException if the new epoch is lower than {@code expectedEpoch}, or
         *                                  {@code expected} is another fence or at another epoch
         */
        public SetFence {
            Objects.requireNonNull(fence, "fence");
            if (expectedEpoch < 0) {
                throw new IllegalArgumentException(
                        "expected epoch of fence '" + fence.name() + "' must be >= 0, was " + expectedEpoch);
            }
            if (fence.epoch() < expectedEpoch) {
                throw new IllegalArgumentException("fence '" + fence.name() + "' cannot go back from epoch "
                        + expectedEpoch + " to " + fence.epoch());
            }
            if (expected != null && !expected.name().equals(fence.name())) {
                throw new IllegalArgumentException("fence '" + fence.name() + "' cannot be set expecting fence '"
                        + expected.name() + "'");
            }
            if (expected != null && expected.epoch() != expectedEpoch) {
                throw new IllegalArgumentException("fence '" + fence.name() + "' is expected at epoch "
                        + expectedEpoch + " but the expected fence is at epoch " + expected.epoch());
            }
        }

        /**
         * Sets {@code fence} if the store holds a fence at {@code expectedEpoch}, whatever else it holds.
         *
         * @param fence         the fence to store
         * @param expectedEpoch the epoch the stored fence must be at, 0 when it must not exist
         */
        public SetFence(Fence fence, long expectedEpoch) {
            this(fence, expectedEpoch, null);
        }

        /**
         * Sets {@code fence} if the store holds exactly {@code expected} (owner, epoch, token and lease end): a
         * compare-and-set for renewals and releases.
         *
         * @param expected the fence as the caller last read it
         * @param fence    the fence to store, at {@code expected}'s epoch or above
         * @return the operation
         */
        public static SetFence replacing(Fence expected, Fence fence) {
            Objects.requireNonNull(expected, "expected");
            return new SetFence(fence, expected.epoch(), expected);
        }

        /**
         * Decides this operation's condition, for a backend that reads the stored fence and compares in its own
         * atomic step.
         *
         * @param found the stored fence, or null when absent
         * @return true when the fence may be set
         */
        public boolean admits(Fence found) {
            long epoch = found == null ? 0 : found.epoch();
            return epoch == expectedEpoch && (expected == null || expected.equals(found));
        }
    }
}
