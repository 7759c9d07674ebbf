package dev.steadfast.failover;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link LostPrimaryFailover}: which survivor became primary, at which term and frontier.
 *
 * @param newPrimary  the promoted node: the survivor with the highest durable frontier
 * @param newTerm     the term it serves
 * @param frontierLsn its durable frontier at promotion; every write acknowledged under {@code replicas(k >= 1)} is
 *                    at or below it
 * @param frontiers   every reachable survivor's durable frontier when asked, by node id
 * @param unreachable the survivors that did not answer (neither promoted nor demoted)
 */
public record LostPrimaryOutcome(FailoverNode newPrimary, long newTerm, long frontierLsn, Map<String, Long> frontiers,
                                 List<String> unreachable) {
    /**
     * Copies the collections.
     *
     * @param newPrimary  the promoted node: the survivor with the highest durable frontier
     * @param newTerm     the term it serves
     * @param frontierLsn its durable frontier at promotion; every write acknowledged under {@code replicas(k >= 1)}
     *                    is at or below it
     * @param frontiers   every reachable survivor's durable frontier when asked, by node id
     * @param unreachable the survivors that did not answer (neither promoted nor demoted)
     */
    public LostPrimaryOutcome {
        Objects.requireNonNull(newPrimary, "new primary");
        frontiers = Map.copyOf(frontiers);
        unreachable = List.copyOf(unreachable);
    }
}
