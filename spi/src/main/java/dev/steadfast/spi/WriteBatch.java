package dev.steadfast.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An atomic unit of writing: guards that must all hold, then operations that all apply, or nothing at all.
 *
 * <p>Guards are checked against the state before the batch; operations then apply in order. A batch needs at least
 * one guard or operation (a guard-only batch is a consistent check). Build one with {@link #builder()}:
 *
 * <pre>{@code
 * WriteBatch batch = WriteBatch.builder()
 *         .guardFence("session/42", 7)
 *         .append(StreamId.of("session/42"), head, payload)
 *         .build();
 * }</pre>
 *
 * @param guards     conditions checked first, in order; the first that fails is the batch's conflict
 * @param operations changes applied in order
 */
public record WriteBatch(List<Guard> guards, List<WriteOp> operations) {
    /**
     * Copies the lists, so the batch cannot change after it is built.
     *
     * @param guards     conditions checked first, in order
     * @param operations changes applied in order
     * @throws IllegalArgumentException if both lists are empty
     */
    public WriteBatch {
        guards = List.copyOf(Objects.requireNonNull(guards, "guards"));
        operations = List.copyOf(Objects.requireNonNull(operations, "operations"));
        if (guards.isEmpty() && operations.isEmpty()) {
            throw new IllegalArgumentException("a write batch needs at least one guard or operation");
        }
    }

    /**
     * A batch of the given operations without guards; conditions of its own operations (an append's expected head,
     * a fence's expected epoch) still apply.
     *
     * @param operations the changes, at least one, applied in order
     * @return the batch
     * @throws IllegalArgumentException if there is no operation
     */
    public static WriteBatch of(WriteOp... operations) {
        return new WriteBatch(List.of(), List.of(operations));
    }

    /**
     * Starts a batch.
     *
     * @return an empty builder, to be used by one thread
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks every entry payload, snapshot payload and record value of the batch against a store's limit, as
     * every store must before writing anything (see {@link Store#apply}).
     *
     * @param maxPayloadBytes the store's {@link StoreDescriptor#maxPayloadBytes()}
     * @return {@link #payloadBytes()}
     * @throws IllegalArgumentException naming the first value over the limit, its size and the limit
     */
    public long requirePayloadsAtMost(int maxPayloadBytes) {
        for (WriteOp op : operations) {
            if (op instanceof WriteOp.Append a) {
                for (int i = 0; i < a.payloads().size(); i++) {
                    int length = a.payloads().get(i).length;
                    if (length > maxPayloadBytes) {
                        throw tooLarge("payload " + i + " of append to journal '" + a.stream() + "'", length,
                                maxPayloadBytes);
                    }
                }
            } else if (op instanceof WriteOp.PutSnapshot s && s.snapshot().payload().length > maxPayloadBytes) {
                throw tooLarge("payload of snapshot '" + s.snapshot().key() + "'", s.snapshot().payload().length,
                        maxPayloadBytes);
            } else if (op instanceof WriteOp.PutRecord r && r.value().length > maxPayloadBytes) {
                throw tooLarge("value of record " + r.key() + " in namespace '" + r.namespace() + "'",
                        r.value().length, maxPayloadBytes);
            }
        }
        return payloadBytes();
    }

    private static IllegalArgumentException tooLarge(String what, int length, int max) {
        return new IllegalArgumentException(what + " is " + length + " bytes, the store accepts at most " + max);
    }

    /**
     * The batch's size as callers count it, for limits and metrics; keys, names and framing not included.
     *
     * @return the total number of payload, snapshot and record value bytes the batch writes
     */
    public long payloadBytes() {
        long total = 0;
        for (WriteOp op : operations) {
            if (op instanceof WriteOp.Append a) {
                for (byte[] p : a.payloads()) {
                    total += p.length;
                }
            } else if (op instanceof WriteOp.PutSnapshot s) {
                total += s.snapshot().payload().length;
            } else if (op instanceof WriteOp.PutRecord r) {
                total += r.value().length;
            }
        }
        return total;
    }

    /** Collects guards and operations; not thread-safe. */
    public static final class Builder {
        private final List<Guard> guards = new ArrayList<>();
        private final List<WriteOp> operations = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a guard, checked after the ones added before.
         *
         * @param guard the condition
         * @return this builder
         */
        public Builder guard(Guard guard) {
            guards.add(Objects.requireNonNull(guard, "guard"));
            return this;
        }

        /**
         * Requires a fence to be at an epoch: how an owner keeps its writes from landing after a takeover.
         *
         * @param name  the fence's name
         * @param epoch the epoch the writer holds, 0 for "the fence must not exist"
         * @return this builder
         */
        public Builder guardFence(String name, long epoch) {
            return guard(new Guard.FenceAt(name, epoch));
        }

        /**
         * Requires a journal to be at a head, without appending to it.
         *
         * @param stream the journal
         * @param head   the sequence of its last entry, 0 for an empty journal
         * @return this builder
         */
        public Builder guardJournal(StreamId stream, long head) {
            return guard(new Guard.JournalAt(stream, head));
        }

        /**
         * Adds an operation, applied after the ones added before.
         *
         * @param op the change
         * @return this builder
         */
        public Builder op(WriteOp op) {
            operations.add(Objects.requireNonNull(op, "operation"));
            return this;
        }

        /**
         * Appends entries to a journal, which must be at {@code expectedHead} at that point of the batch.
         *
         * @param stream       the journal
         * @param expectedHead the head the caller last saw, 0 for an empty journal
         * @param payloads     the entries' bytes, at least one; not copied
         * @return this builder
         */
        public Builder append(StreamId stream, long expectedHead, byte[]... payloads) {
            return op(new WriteOp.Append(stream, expectedHead, List.of(payloads)));
        }

        /**
         * Appends entries to a journal, which must be at {@code expectedHead} at that point of the batch.
         *
         * @param stream       the journal
         * @param expectedHead the head the caller last saw, 0 for an empty journal
         * @param payloads     the entries' bytes, at least one; the arrays are not copied
         * @return this builder
         */
        public Builder append(StreamId stream, long expectedHead, List<byte[]> payloads) {
            return op(new WriteOp.Append(stream, expectedHead, payloads));
        }

        /**
         * Replaces the snapshot under a key, whatever it held.
         *
         * @param key             the snapshot's key
         * @param coveredSequence the last journal sequence folded into the state, 0 when none
         * @param payload         the state's bytes; not copied
         * @return this builder
         */
        public Builder putSnapshot(String key, long coveredSequence, byte[] payload) {
            return op(new WriteOp.PutSnapshot(new Snapshot(key, coveredSequence, payload)));
        }

        /**
         * Deletes the snapshot under a key; an absent one is not an error.
         *
         * @param key the snapshot's key
         * @return this builder
         */
        public Builder deleteSnapshot(String key) {
            return op(new WriteOp.DeleteSnapshot(key));
        }

        /**
         * Sets a record, whatever it held.
         *
         * @param namespace the record's namespace
         * @param key       its key
         * @param value     its new bytes; not copied
         * @return this builder
         */
        public Builder putRecord(String namespace, RecordKey key, byte[] value) {
            return op(new WriteOp.PutRecord(namespace, key, value));
        }

        /**
         * Removes a record; an absent one is not an error.
         *
         * @param namespace the record's namespace
         * @param key       its key
         * @return this builder
         */
        public Builder removeRecord(String namespace, RecordKey key) {
            return op(new WriteOp.RemoveRecord(namespace, key));
        }

        /**
         * Removes every record of a namespace, atomically with the rest of the batch.
         *
         * @param namespace the namespace
         * @return this builder
         */
        public Builder dropNamespace(String namespace) {
            return op(new WriteOp.DropNamespace(namespace));
        }

        /**
         * Removes journal entries up to and including {@code upToSequence}; the head does not move.
         *
         * @param stream       the journal
         * @param upToSequence the last sequence to remove, {@code >= 1}, clamped to the head
         * @return this builder
         */
        public Builder truncate(StreamId stream, long upToSequence) {
            return op(new WriteOp.TruncateJournal(stream, upToSequence));
        }

        /**
         * Sets a fence if the stored one is at an epoch (see {@link WriteOp.SetFence}).
         *
         * @param fence         the fence to store
         * @param expectedEpoch the epoch the stored fence must be at, 0 when it must not exist
         * @return this builder
         */
        public Builder setFence(Fence fence, long expectedEpoch) {
            return op(new WriteOp.SetFence(fence, expectedEpoch));
        }

        /**
         * Builds the batch; the builder may go on to build a longer one.
         *
         * @return the batch of everything added so far
         * @throws IllegalArgumentException if nothing was added
         */
        public WriteBatch build() {
            return new WriteBatch(guards, operations);
        }
    }
}
