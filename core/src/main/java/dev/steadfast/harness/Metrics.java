package dev.steadfast.harness;

/**
 * What one scenario run measured. Counts are over the whole run; times are on the simulated clock, so they are
 * exact and repeatable. A metric a scenario does not exercise is 0.
 *
 * @param ownershipConflicts       claims refused for any reason (the three below, lost races, running leases)
 * @param splitBrainRejections     claims for an epoch another owner held
 * @param staleOwnerRejections     claims for an epoch below the current one
 * @param invalidTokenRejections   claims with a token not minted for that owner and epoch
 * @param takeoverSuccesses        grants that moved ownership to a higher epoch
 * @param leaseWindowP95Ms         95th percentile of how long a lease ran: from its grant to its release or to the
 *                                 end the store reports for it, on the holder's clock
 * @param leaseQueuePeak           most contenders waiting for a running lease at once
 * @param takeoverQueuePeak        peak depth of the takeover queue
 * @param retryAttempts            tries beyond each queued contender's first
 * @param checkpointWindowEvents   most journal entries a recovery replayed after the last checkpoint
 * @param replayWindowMs           longest time from the last checkpoint to a crash, i.e. what a recovery replays
 * @param earlyTakeovers           takeovers while the previous holder's own clock said its lease still ran
 * @param acknowledgedWrites       owner writes the store acknowledged
 * @param staleWritesRefused       writes of superseded owners the store refused
 * @param leaseShareWorstPermille  lease fairness: in each round of a lease scenario, the fewest grants any
 *                                 contender got divided by the most any got; the worst round's share, in
 *                                 thousandths (1000: every contender got as many grants as any other)
 */
public record Metrics(long ownershipConflicts, long splitBrainRejections, long staleOwnerRejections,
                      long invalidTokenRejections, long takeoverSuccesses, long leaseWindowP95Ms, long leaseQueuePeak,
                      long takeoverQueuePeak, long retryAttempts, long checkpointWindowEvents, long replayWindowMs,
                      long earlyTakeovers, long acknowledgedWrites, long staleWritesRefused,
                      long leaseShareWorstPermille) {

    /** {@return a stable one-line encoding of every field, name=value, in declaration order; the signature input} */
    public String canonical() {
        return "ownership_conflicts=" + ownershipConflicts
                + ",split_brain_rejections=" + splitBrainRejections
                + ",stale_owner_rejections=" + staleOwnerRejections
                + ",invalid_token_rejections=" + invalidTokenRejections
                + ",takeover_successes=" + takeoverSuccesses
                + ",lease_window_p95_ms=" + leaseWindowP95Ms
                + ",lease_queue_peak=" + leaseQueuePeak
                + ",takeover_queue_peak=" + takeoverQueuePeak
                + ",retry_attempts=" + retryAttempts
                + ",checkpoint_window_events=" + checkpointWindowEvents
                + ",replay_window_ms=" + replayWindowMs
                + ",early_takeovers=" + earlyTakeovers
                + ",acknowledged_writes=" + acknowledgedWrites
                + ",stale_writes_refused=" + staleWritesRefused
                + ",lease_share_worst_permille=" + leaseShareWorstPermille;
    }

    /** {@return a hex SHA-256 of {@link #canonical()}: equal metrics give equal signatures on every machine} */
    public String signature() {
        return Digests.sha256Hex(canonical());
    }
}
