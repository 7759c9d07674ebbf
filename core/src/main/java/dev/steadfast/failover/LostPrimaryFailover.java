package dev.steadfast.failover;

import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;
import dev.steadfast.spi.transport.Transport;
import dev.steadfast.spi.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Failover after the primary is gone, when it cannot be frozen: ask every survivor for its term and durable
 * frontier, promote the one with the highest frontier at {@code max term + 1}, and demote the others to its
 * replicas. Under {@code replicas(k >= 1)} every acknowledged write is durable on some survivor (unless k of them
 * were lost too), survivors hold prefixes of one journal, so the highest frontier holds every acknowledged write.
 * The lost primary, if it comes back, is refused by every node of the new term.
 */
public final class LostPrimaryFailover {
    private LostPrimaryFailover() {
    }

    /**
     * Promotes the most advanced of {@code survivors}.
     *
     * @param transport how this process reaches the survivors
     * @param self      this process's handshake, presented to each survivor
     * @param survivors the replicas that may still be reachable
     * @param timeout   how long each survivor may take to answer
     * @return the promoted node, the term and what each survivor held
     * @throws IllegalStateException if no survivor answered, or the chosen one refused promotion
     */
    public static LostPrimaryOutcome run(Transport transport, Handshake self, List<FailoverNode> survivors,
                                         Duration timeout) {
        try (NodeLinks links = new NodeLinks(transport, self, timeout)) {
            Map<String, Long> frontiers = new LinkedHashMap<>();
            List<String> unreachable = new ArrayList<>();
            FailoverNode best = null;
            long bestLsn = -1;
            long maxTerm = 0;
            for (FailoverNode node : survivors) {
                Message.Ack status;
                try {
                    status = links.command(node, new RoleCommand.Status());
                } catch (TransportException e) {
                    unreachable.add(node.id());
                    continue;
                }
                frontiers.put(node.id(), status.durableLsn());
                maxTerm = Math.max(maxTerm, status.term());
                if (status.durableLsn() > bestLsn) {
                    best = node;
                    bestLsn = status.durableLsn();
                }
            }
            if (best == null) {
                throw new IllegalStateException("no survivor answered: " + unreachable);
            }
            long newTerm = maxTerm + 1;
            long start = links.promote(best, newTerm);
            for (FailoverNode node : survivors) {
                if (node != best && frontiers.containsKey(node.id())) {
                    links.command(node, NodeLinks.demotion(newTerm, best, start));
                }
            }
            return new LostPrimaryOutcome(best, newTerm, bestLsn, frontiers, unreachable);
        }
    }
}
