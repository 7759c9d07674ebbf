package dev.steadfast.failover;

import java.util.Objects;

/**
 * The roles of the two nodes after a handover: the target primary at the new term, the old primary its replica.
 *
 * @param newPrimary the promoted target
 * @param oldPrimary the demoted old primary
 */
public record RoleAssignment(NodeRole newPrimary, NodeRole oldPrimary) {
    /**
     * Rejects nulls.
     *
     * @param newPrimary the promoted target
     * @param oldPrimary the demoted old primary
     */
    public RoleAssignment {
        Objects.requireNonNull(newPrimary, "new primary role");
        Objects.requireNonNull(oldPrimary, "old primary role");
    }

    static RoleAssignment swap(FailoverRequest request) {
        long term = request.newTerm();
        return new RoleAssignment(new NodeRole.Primary(term),
                new NodeRole.Replica(request.target().address(), term));
    }
}
