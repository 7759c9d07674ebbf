package dev.steadfast.pipeline;

import dev.steadfast.fence.OwnershipError;
import dev.steadfast.fence.OwnershipException;
import java.util.Objects;

/**
 * What became of {@link CheckpointLog#record}: a closed set with stable {@link #label()}s. Only {@link Recorded}
 * wrote anything; the others leave the store exactly as it was.
 */
public sealed interface CheckpointResult {

    /**
     * {@return a stable lower-case label: {@code recorded}, {@code already_recorded}, {@code rejected} or
     * {@code fenced}}
     */
    String label();

    /**
     * The checkpoint now stored under the key: the new one, or the one a repeated key already had.
     *
     * @return the checkpoint of a {@link Recorded} or {@link AlreadyRecorded}
     * @throws IllegalStateException with {@link Rejected#message()} when the checkpoint broke an invariant
     * @throws OwnershipException    when the run's fence has moved on
     */
    default Checkpoint orElseThrow() {
        if (this instanceof Recorded r) {
            return r.checkpoint();
        }
        if (this instanceof AlreadyRecorded a) {
            return a.stored();
        }
        if (this instanceof Rejected r) {
            throw new IllegalStateException(r.message());
        }
        throw new OwnershipException(((Fenced) this).error());
    }

    /**
     * The checkpoint and the batch's effects were written, atomically.
     *
     * @param checkpoint the checkpoint as stored
     */
    record Recorded(Checkpoint checkpoint) implements CheckpointResult {
        /**
         * Rejects null.
         *
         * @param checkpoint the checkpoint as stored
         */
        public Recorded {
            Objects.requireNonNull(checkpoint, "checkpoint");
        }

        @Override
        public String label() {
            return "recorded";
        }
    }

    /**
     * The idempotency key was recorded before, and nothing was written now (effects included).
     *
     * @param stored the checkpoint the key already holds; its other fields may differ from this call's arguments
     */
    record AlreadyRecorded(Checkpoint stored) implements CheckpointResult {
        /**
         * Rejects null.
         *
         * @param stored the checkpoint the key already holds; its other fields may differ from this call's arguments
         */
        public AlreadyRecorded {
            Objects.requireNonNull(stored, "stored");
        }

        @Override
        public String label() {
            return "already_recorded";
        }
    }

    /**
     * The checkpoint would move {@code field} of the stage backwards (or, for the sequence, not forwards).
     *
     * @param runId    the run
     * @param stage    the stage
     * @param field    {@code sequence}, {@code watermark offset} or {@code watermark event time}
     * @param previous the value in the stage's latest checkpoint
     * @param found    the value asked for
     */
    record Rejected(String runId, String stage, String field, long previous, long found)
            implements CheckpointResult {
        /**
         * Rejects nulls.
         *
         * @param runId    the run
         * @param stage    the stage
         * @param field    {@code sequence}, {@code watermark offset} or {@code watermark event time}
         * @param previous the value in the stage's latest checkpoint
         * @param found    the value asked for
         */
        public Rejected {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(field, "field");
        }

        @Override
        public String label() {
            return "rejected";
        }

        /** {@return one line, for example {@code run 'r1' stage 'parse': sequence must increase, previous 5, new 5}} */
        public String message() {
            String rule = field.equals("sequence") ? "must increase" : "must not go backwards";
            return "run '" + runId + "' stage '" + stage + "': " + field + " " + rule + ", previous " + previous
                    + ", new " + found;
        }
    }

    /**
     * The run's ownership fence has moved on: another instance owns the run now, and nothing was written.
     *
     * @param error who took the run over, and at which epoch
     */
    record Fenced(OwnershipError.Superseded error) implements CheckpointResult {
        /**
         * Rejects null.
         *
         * @param error who took the run over, and at which epoch
         */
        public Fenced {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String label() {
            return "fenced";
        }
    }
}
