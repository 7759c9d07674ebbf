package dev.steadfast.pipeline;

import java.util.Objects;

/**
 * What became of deleting a run ({@link Pipelines#delete}, {@link CheckpointLog#delete}): a closed set with stable
 * {@link #label()}s. Only {@link Deleted} changed the store.
 */
public sealed interface RunDeletion {

    /** {@return a stable lower-case label: {@code deleted} or {@code refused}} */
    String label();

    /**
     * The run's checkpoints, idempotency keys, stage state and sink output are gone, in one atomic write, and its
     * ownership fence moved past every instance that held it. Deleting a run that has nothing stored is this too.
     *
     * @param runId       the run
     * @param checkpoints how many retained checkpoints were removed
     */
    record Deleted(String runId, int checkpoints) implements RunDeletion {
        /**
         * Rejects a null run id or a negative count.
         *
         * @param runId       the run
         * @param checkpoints how many retained checkpoints were removed
         */
        public Deleted {
            Objects.requireNonNull(runId, "runId");
            PipelineNames.requireNonNegative("deleted checkpoints", checkpoints);
        }

        @Override
        public String label() {
            return "deleted";
        }
    }

    /**
     * Another instance owns the run, so nothing was deleted.
     *
     * @param runId the run
     * @param owner who holds the run's fence
     * @param epoch the epoch they hold it at
     */
    record Refused(String runId, String owner, long epoch) implements RunDeletion {
        /**
         * Rejects nulls.
         *
         * @param runId the run
         * @param owner who holds the run's fence
         * @param epoch the epoch they hold it at
         */
        public Refused {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(owner, "owner");
        }

        @Override
        public String label() {
            return "refused";
        }

        /** {@return one line, for example {@code run 'r1' is owned by 'worker-b' at epoch 3; nothing was deleted}} */
        public String message() {
            return "run '" + runId + "' is owned by '" + owner + "' at epoch " + epoch + "; nothing was deleted";
        }
    }
}
