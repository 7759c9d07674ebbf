package dev.steadfast.channel;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Turns a step and the channel's committed state into the step's writes and the state after it. */
final class StepPlanner {
    private StepPlanner() {
    }

    /**
     * @throws IllegalArgumentException if the step does not fit {@code state}; nothing is planned
     */
    static Draft plan(ChannelState state, ChannelStep step, int cap) {
        Draft d = new Draft(state, cap);
        if (step instanceof ChannelStep.Send s) {
            String id = s.message().id();
            requireNotDelivered(state, id, "sent");
            if (state.outgoing().containsKey(id)) {
                throw refused(state, id, "was already sent and is not acknowledged yet");
            }
            d.putOutgoing(new Unacknowledged(s.message(), s.sentAtMillis(), 0));
            d.appendHistory(s.message());
        } else if (step instanceof ChannelStep.Deliver s) {
            deliver(d, s);
        } else if (step instanceof ChannelStep.Await s) {
            await(d, s);
        } else if (step instanceof ChannelStep.Acknowledge s) {
            for (String id : s.messageIds()) {
                d.removeOutgoing(id);
                d.removeRepairs(id);
            }
        } else if (step instanceof ChannelStep.Resend s) {
            Unacknowledged u = state.outgoing().get(s.messageId());
            if (u == null) {
                throw refused(state, s.messageId(), "cannot be resent: it is not in the outgoing buffer");
            }
            d.putOutgoing(new Unacknowledged(u.message(), s.sentAtMillis(), u.resendAttempts() + 1));
        } else if (step instanceof ChannelStep.RequestRepair s) {
            requireNotDelivered(state, s.repair().messageId(), "repaired");
            d.putOutgoingRepair(s.repair());
        } else if (step instanceof ChannelStep.OfferRepair s) {
            d.putIncomingRepair(s.repair());
        } else if (step instanceof ChannelStep.CancelRepairs s) {
            s.messageIds().forEach(d::removeRepairs);
        } else if (step instanceof ChannelStep.RemoveFromHistory s) {
            if (!d.removeHistory(s.messageId())) {
                throw refused(state, s.messageId(), "is not in the history, so it cannot be removed from it");
            }
        } else if (step instanceof ChannelStep.SetRetrievalHint s) {
            if (state.delivered(s.messageId()).isEmpty()) {
                throw refused(state, s.messageId(), "is not in the history, so it cannot get a retrieval hint");
            }
            d.putHint(s.messageId(), s.hint());
        } else {
            throw new IllegalArgumentException("unknown channel step " + step);
        }
        return d;
    }

    private static void deliver(Draft d, ChannelStep.Deliver s) {
        String id = s.message().id();
        requireNotDelivered(d.base(), id, "delivered");
        d.removeIncoming(id);
        for (Map.Entry<String, Waiting> e : Map.copyOf(d.incoming()).entrySet()) {
            if (e.getValue().missing().contains(id)) {
                Set<String> left = new TreeSet<>(e.getValue().missing());
                left.remove(id);
                d.putIncoming(new Waiting(e.getValue().message(), left));
            }
        }
        d.removeRepairs(id);
        d.appendHistory(s.message());
        if (s.retrievalHint().size() > 0) {
            d.putHint(id, s.retrievalHint());
        }
    }

    private static void await(Draft d, ChannelStep.Await s) {
        ChannelState state = d.base();
        Waiting w = s.waiting();
        requireNotDelivered(state, w.message().id(), "held back");
        for (String missing : w.missing()) {
            if (state.delivered(missing).isPresent()) {
                throw refused(state, w.message().id(), "cannot wait for '" + missing + "', which is delivered");
            }
        }
        d.putIncoming(w);
        for (OutgoingRepair r : s.repairs()) {
            requireNotDelivered(state, r.messageId(), "repaired");
            d.putOutgoingRepair(r);
        }
    }

    private static void requireNotDelivered(ChannelState state, String id, String verb) {
        if (state.delivered(id).isPresent()) {
            throw refused(state, id, "cannot be " + verb + ": it is already in the history (delivered)");
        }
    }

    private static IllegalArgumentException refused(ChannelState state, String id, String why) {
        return new IllegalArgumentException("message '" + id + "' of channel '" + state.channelId() + "' " + why);
    }
}
