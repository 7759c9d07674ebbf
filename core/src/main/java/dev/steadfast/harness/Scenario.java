package dev.steadfast.harness;

/**
 * The contention scenarios the harness runs. Each drives the public domain APIs ({@code fence}, {@code session})
 * over a store with contenders as logical tasks, interleaved by a seeded scheduler on a simulated clock.
 */
public enum Scenario {
    /** Contenders claim one fence with stale, split-brain, bad-token and valid requests; one grant per epoch. */
    OWNERSHIP_FENCING_CONTENTION("OwnershipFencingContention"),
    /** Holders renew TTL leases while contenders wait; the wait for each acquisition is the lease window. */
    LEASE_RENEWAL_CONTENTION("LeaseRenewalContention"),
    /** A burst of takeovers through a {@link dev.steadfast.fence.TakeoverQueue} with retries and backoff. */
    TAKEOVER_QUEUE_RETRY_PRESSURE("TakeoverQueueRetryPressure"),
    /** Session events between snapshots (checkpoints), crashes and recoveries; the replay window. */
    CHECKPOINT_REPLAY_WINDOWS("CheckpointReplayWindows"),
    /** Contenders whose clocks disagree by up to twice the lease TTL; early takeovers counted, never two writers. */
    CLOCK_SKEW("ClockSkew");

    private final String label;

    Scenario(String label) {
        this.label = label;
    }

    /** {@return the stable name used in reports and signatures, for example {@code OwnershipFencingContention}} */
    public String label() {
        return label;
    }

    /**
     * The scenario labelled {@code label}.
     *
     * @param label a {@link #label()}
     * @return the scenario
     * @throws IllegalArgumentException naming the labels there are, when none matches
     */
    public static Scenario ofLabel(String label) {
        for (Scenario s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Scenario s : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(s.label);
        }
        throw new IllegalArgumentException("no scenario labelled '" + label + "'; the scenarios are " + known);
    }
}
