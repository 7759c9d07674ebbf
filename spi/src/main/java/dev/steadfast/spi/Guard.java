package dev.steadfast.spi;

import java.util.Objects;

/**
 * A condition a {@link WriteBatch} needs to hold before anything in it is written. Every guard is evaluated
 * against the state before the batch, inside the same atomic step that writes it, so no other writer (thread or
 * process) can slip in between the check and the write.
 */
public sealed interface Guard {

    /**
     * The fence {@code name} is at {@code epoch} (0: the fence does not exist). Fails with {@link FencedOut}.
     * This is how a stale owner is kept from writing: every write of an owner carries this guard for its epoch.
     */
    record FenceAt(String name, long epoch) implements Guard {
        /**
         * Checks the guard before it reaches a store.
         *
         * @param name  the fence's name, a valid {@link Names name}
         * @param epoch the epoch the fence must be at, 0 for "must not exist"
         * @throws IllegalArgumentException if the name is invalid or {@code epoch < 0}
         */
        public FenceAt {
            Names.require("fence name", name);
            if (epoch < 0) {
                throw new IllegalArgumentException("guarded epoch of fence '" + name + "' must be >= 0, was " + epoch);
            }
        }
    }

    /** The journal {@code stream} is at {@code head} (0: empty). Fails with {@link SequenceConflict}. */
    record JournalAt(StreamId stream, long head) implements Guard {
        /**
         * Checks the guard before it reaches a store.
         *
         * @param stream the journal
         * @param head   the sequence its last entry must have, 0 for "no entry yet"
         * @throws IllegalArgumentException if {@code head < 0}
         */
        public JournalAt {
            Objects.requireNonNull(stream, "stream");
            if (head < 0) {
                throw new IllegalArgumentException("guarded head of " + stream + " must be >= 0, was " + head);
            }
        }
    }
}
