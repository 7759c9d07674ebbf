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
    /** @throws IllegalArgumentException if both lists are empty */
    public WriteBatch {
        guards = List.copyOf(Objects.requireNonNull(guards, "guards"));
        operations = List.copyOf(Objects.requireNonNull(operations, "operations"));
        if (guards.isEmpty() && operations.isEmpty()) {
            throw new IllegalArgumentException("a write batch needs at least one guard or operation");
        }
    }

    /** A batch of the given operations without guards. */
    public static WriteBatch of(WriteOp... operations) {
        return new WriteBatch(List.of(), List.of(operations));
    }

    /** A builder for a batch. */
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

    /** The total number of payload, snapshot and record value bytes the batch writes. */
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

        /** Adds any guard. */
        public Builder guard(Guard guard) {
            guards.add(Objects.requireNonNull(guard, "guard"));
            return this;
        }

        /** Requires the fence {@code name} to be at {@code epoch}. */
        public Builder guardFence(String name, long epoch) {
            return guard(new Guard.FenceAt(name, epoch));
        }

        /** Requires the journal {@code stream} to be at {@code head}. */
        public Builder guardJournal(StreamId stream, long head) {
            return guard(new Guard.JournalAt(stream, head));
        }

        /** Adds any operation. */
        public Builder op(WriteOp op) {
            operations.add(Objects.requireNonNull(op, "operation"));
            return this;
        }

        /** Appends {@code payloads} to {@code stream}, which must be at {@code expectedHead}. */
        public Builder append(StreamId stream, long expectedHead, byte[]... payloads) {
            return op(new WriteOp.Append(stream, expectedHead, List.of(payloads)));
        }

        /** Appends {@code payloads} to {@code stream}, which must be at {@code expectedHead}. */
        public Builder append(StreamId stream, long expectedHead, List<byte[]> payloads) {
            return op(new WriteOp.Append(stream, expectedHead, payloads));
        }

        /** Replaces a snapshot. */
        public Builder putSnapshot(String key, long coveredSequence, byte[] payload) {
            return op(new WriteOp.PutSnapshot(new Snapshot(key, coveredSequence, payload)));
        }

        /** Deletes a snapshot. */
        public Builder deleteSnapshot(String key) {
            return op(new WriteOp.DeleteSnapshot(key));
        }

        /** Sets a record. */
        public Builder putRecord(String namespace, RecordKey key, byte[] value) {
            return op(new WriteOp.PutRecord(namespace, key, value));
        }

        /** Removes a record. */
        public Builder removeRecord(String namespace, RecordKey key) {
            return op(new WriteOp.RemoveRecord(namespace, key));
        }

        /** Removes every record of a namespace. */
        public Builder dropNamespace(String namespace) {
            return op(new WriteOp.DropNamespace(namespace));
        }

        /** Removes journal entries up to and including {@code upToSequence}. */
        public Builder truncate(StreamId stream, long upToSequence) {
            return op(new WriteOp.TruncateJournal(stream, upToSequence));
        }

        /** Sets {@code fence} if the stored fence is at {@code expectedEpoch} (0: absent). */
        public Builder setFence(Fence fence, long expectedEpoch) {
            return op(new WriteOp.SetFence(fence, expectedEpoch));
        }

        /** The batch. */
        public WriteBatch build() {
            return new WriteBatch(guards, operations);
        }
    }
}
