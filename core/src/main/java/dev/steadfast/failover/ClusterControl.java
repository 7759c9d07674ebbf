package dev.steadfast.failover;

/**
 * The cluster mutations a {@link FailoverCoordinator} drives, so that its state machine stays independent of the
 * network. {@link TransportClusterControl} backs them onto nodes reached over a transport; tests back them onto a
 * script.
 *
 * <p>Any method may throw an unchecked exception (a transport or store fault); the coordinator turns it into a
 * {@link FailoverFailed} that states each node's state.
 */
public interface ClusterControl {

    /**
     * Stops writes on the current primary and returns its frontier LSN at that instant. No LSN is minted after
     * this returns, so the value is a fixed catch-up target. Idempotent.
     *
     * @return the old primary's frontier LSN, the target the new primary must reach
     */
    long freezePrimary();

    /** Resumes writes on the old primary; called when a handover aborts. */
    void resumePrimary();

    /**
     * {@return the target's current durable frontier LSN} One poll; the coordinator paces the polls on its clock.
     */
    long targetFrontier();

    /**
     * Makes the target primary, durably recording the term and where it starts before it accepts a write.
     *
     * @param newTerm the term it serves at, above every earlier term
     */
    void promoteTarget(long newTerm);

    /**
     * Makes the old primary a replica of the target.
     *
     * @param newTerm the term the target was promoted at
     */
    void demoteOldPrimary(long newTerm);
}
