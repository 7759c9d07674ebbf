package dev.steadfast.pipeline;

import dev.steadfast.spi.Names;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.StreamId;
import java.nio.charset.StandardCharsets;

/**
 * Argument rules of the pipeline domain and where a run lives in the store.
 *
 * <p>Layout of run {@code R}: journal {@code pipeline/R} takes one entry per checkpoint (its head is the run's
 * checkpoint count and the race decider: every checkpoint appends at the head it read); namespace
 * {@code pipeline/R/chain} holds the retained checkpoints keyed {@code stage NUL ordinal}; {@code pipeline/R/keys}
 * maps the idempotency key of each retained checkpoint to it (a key leaves with its checkpoint);
 * {@code pipeline/R/state} and {@code pipeline/R/out/S} are the runner's stage state and idempotent sink. Every
 * namespace of the run starts with {@link #runPrefix}, so listing that prefix finds all of them for a delete.
 */
final class PipelineNames {
    static final int MAX_RUN_ID = 100;
    static final int MAX_STAGE = 100;

    private PipelineNames() {
    }

    static long requireNonNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, was " + value);
        }
        return value;
    }

    static String requireRunId(String runId) {
        return requireAtMost("run id", runId, MAX_RUN_ID);
    }

    static String requireStage(String stage) {
        return requireAtMost("stage", stage, MAX_STAGE);
    }

    static String requireKey(String key) {
        return Names.require("idempotency key", key);
    }

    private static String requireAtMost(String what, String value, int max) {
        Names.require(what, value);
        if (value.indexOf('/') >= 0) {
            // '/' separates the parts of the run's store names: run "a/out/x" would share a namespace with run "a"
            throw new IllegalArgumentException(what + " must not contain '/': '" + value + "'");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " is " + value.length() + " characters long, the limit is "
                    + max + ": '" + value + "'");
        }
        return value;
    }

    static StreamId journal(String runId) {
        return StreamId.of("pipeline/" + runId);
    }

    static String runPrefix(String runId) {
        return "pipeline/" + runId + "/";
    }

    /** The run whose chain namespace {@code namespace} is, if it is one. */
    static java.util.Optional<String> runOfChain(String namespace) {
        String[] parts = namespace.split("/", -1);
        return parts.length == 3 && parts[0].equals("pipeline") && parts[2].equals("chain")
                ? java.util.Optional.of(parts[1]) : java.util.Optional.empty();
    }

    static String chainNamespace(String runId) {
        return "pipeline/" + runId + "/chain";
    }

    static String keysNamespace(String runId) {
        return "pipeline/" + runId + "/keys";
    }

    static String stateNamespace(String runId) {
        return "pipeline/" + runId + "/state";
    }

    static String outputNamespace(String runId, String stage) {
        return "pipeline/" + runId + "/out/" + stage;
    }

    /** {@code stage NUL ordinal}: a stage's checkpoints scan together, oldest first; NUL never occurs in a name. */
    static RecordKey chainKey(String stage, long ordinal) {
        byte[] s = stage.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[s.length + 1 + Long.BYTES];
        System.arraycopy(s, 0, key, 0, s.length);
        byte[] o = RecordKey.ofLong(ordinal).bytes();
        System.arraycopy(o, 0, key, s.length + 1, Long.BYTES);
        return RecordKey.of(key);
    }

    /** The first key past every chain key of {@code stage}. */
    static RecordKey chainEnd(String stage) {
        byte[] s = stage.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[s.length + 1];
        System.arraycopy(s, 0, key, 0, s.length);
        key[s.length] = 1;
        return RecordKey.of(key);
    }

    static RecordKey chainStart(String stage) {
        byte[] s = stage.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[s.length + 1];
        System.arraycopy(s, 0, key, 0, s.length);
        return RecordKey.of(key);
    }
}
