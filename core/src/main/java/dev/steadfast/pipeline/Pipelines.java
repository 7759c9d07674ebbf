package dev.steadfast.pipeline;

import dev.steadfast.fence.Claim;
import dev.steadfast.fence.FenceTokens;
import dev.steadfast.fence.Fences;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Store;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pipeline service of one store and clock: hands out the {@link CheckpointLog} of a run, fenced or not.
 * Built from a plain {@link Store} and {@link Clock}, so it wires into any container in one line. Thread-safe.
 *
 * <pre>{@code
 * Pipelines pipelines = new Pipelines(store, clock);
 * CheckpointLog log = pipelines.claim("nightly-2024-05-01", "worker-a").orElseThrow();
 * log.record("parse", 1, new Watermark(1_000, eventTime), "parse@1000");
 * }</pre>
 */
public final class Pipelines {
    private final Store store;
    private final Clock clock;
    private final PipelineOptions options;
    private final Fences fences;

    /**
     * Pipelines over {@code store} timed by {@code clock}, with default options and unkeyed fence tokens.
     *
     * @param store where checkpoints, keys, stage state and sink output live
     * @param clock stamps checkpoints and times the runner's checkpoint interval
     */
    public Pipelines(Store store, Clock clock) {
        this(store, clock, PipelineOptions.DEFAULTS, FenceTokens.unkeyed());
    }

    /**
     * Pipelines over {@code store} timed by {@code clock}, with the given options and fence tokens.
     *
     * @param store   where checkpoints, keys, stage state and sink output live
     * @param clock   stamps checkpoints and times the runner's checkpoint interval
     * @param options how many checkpoints each stage retains
     * @param tokens  the scheme every instance over this store uses, usually {@link FenceTokens#hmac(byte[])}
     */
    public Pipelines(Store store, Clock clock, PipelineOptions options, FenceTokens tokens) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.fences = new Fences(store, Objects.requireNonNull(tokens, "tokens"));
    }

    /**
     * The log of {@code runId} without a fence: for reading, and for writers that coordinate otherwise. Races
     * between its writers are still decided by the store (see {@link CheckpointLog}).
     *
     * @param runId the run's id
     * @return the run's log, unfenced (a run with nothing stored has an empty one)
     */
    public CheckpointLog log(String runId) {
        return new CheckpointLog(store, clock, runId, options, Optional.empty());
    }

    /**
     * Takes the run over for {@code owner} at the next epoch of its fence ({@link #fenceName}) and returns its log,
     * every write of which is guarded by that epoch: once another instance claims the run, this one's
     * checkpoints are {@link CheckpointResult.Fenced}.
     *
     * @param runId the run's id
     * @param owner this instance's name
     * @return the fenced log, or why the claim was refused
     */
    public Claim<CheckpointLog> claim(String runId, String owner) {
        PipelineNames.requireRunId(runId);
        return fences.claimNext(fenceName(runId), owner)
                .map(fence -> new CheckpointLog(store, clock, runId, options, Optional.of(fence)));
    }

    /** {@return the ids of the runs with at least one retained checkpoint, in code point order} */
    public List<String> runs() {
        return store.listNamespaces("pipeline/").stream()
                .map(PipelineNames::runOfChain).flatMap(Optional::stream).toList();
    }

    /**
     * Deletes run {@code runId} unless someone owns it: its checkpoints, idempotency keys, stage state and sink
     * output, in one atomic write. A run that was {@linkplain #claim claimed} stays owned until deleted, so
     * delete such a run through its claimed log ({@link CheckpointLog#delete()}); claiming it first is a takeover
     * and fences out the instance that held it.
     *
     * @param runId the run's id
     * @return {@link RunDeletion.Deleted}, or {@link RunDeletion.Refused} naming the owner, with nothing deleted
     */
    public RunDeletion delete(String runId) {
        return log(runId).delete();
    }

    /**
     * The name of a run's ownership fence, for tools that read the store.
     *
     * @param runId the run's id
     * @return the fence name {@link #claim} claims
     */
    public static String fenceName(String runId) {
        return "pipeline/" + PipelineNames.requireRunId(runId);
    }
}
