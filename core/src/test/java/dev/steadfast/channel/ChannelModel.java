package dev.steadfast.channel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of the steps written out plainly, apart from the planner, so the crash test can replay the steps a
 * child acknowledged and compare the result with what the store holds.
 */
final class ChannelModel {
    private long lamport;
    private final List<HistoryEntry> history;
    private final Map<String, Bytes> hints;
    private final Map<String, Unacknowledged> outgoing;
    private final Map<String, Waiting> incoming;
    private final Map<String, OutgoingRepair> outRepairs;
    private final Map<String, IncomingRepair> inRepairs;

    private ChannelModel(ChannelState s) {
        lamport = s.lamport();
        history = new ArrayList<>(s.history());
        hints = new HashMap<>(s.retrievalHints());
        outgoing = new HashMap<>(s.outgoing());
        incoming = new HashMap<>(s.incoming());
        outRepairs = new HashMap<>(s.outgoingRepairs());
        inRepairs = new HashMap<>(s.incomingRepairs());
    }

    /** The state after {@code step}, on a history capped at {@code cap}. */
    static ChannelState apply(ChannelState s, ChannelStep step, int cap) {
        ChannelModel m = new ChannelModel(s);
        m.take(step, cap);
        return new ChannelState(s.channelId(), m.lamport, s.steps() + 1, m.history, m.hints, m.outgoing,
                m.incoming, m.outRepairs, m.inRepairs);
    }

    private void take(ChannelStep step, int cap) {
        if (step instanceof ChannelStep.Send s) {
            outgoing.put(s.message().id(), new Unacknowledged(s.message(), s.sentAtMillis(), 0));
            append(s.message(), cap);
        } else if (step instanceof ChannelStep.Deliver d) {
            String id = d.message().id();
            incoming.remove(id);
            for (Waiting w : List.copyOf(incoming.values())) {
                Set<String> left = new TreeSet<>(w.missing());
                left.remove(id);
                incoming.put(w.message().id(), new Waiting(w.message(), left));
            }
            outRepairs.remove(id);
            inRepairs.remove(id);
            append(d.message(), cap);
            if (d.retrievalHint().size() > 0) {
                hints.put(id, d.retrievalHint());
            }
        } else if (step instanceof ChannelStep.Await a) {
            incoming.put(a.waiting().message().id(), a.waiting());
            lamport = Math.max(lamport, a.waiting().message().lamport());
            a.repairs().forEach(r -> outRepairs.put(r.messageId(), r));
        } else if (step instanceof ChannelStep.Acknowledge a) {
            for (String id : a.messageIds()) {
                outgoing.remove(id);
                outRepairs.remove(id);
                inRepairs.remove(id);
            }
        } else if (step instanceof ChannelStep.Resend r) {
            Unacknowledged u = outgoing.get(r.messageId());
            outgoing.put(r.messageId(), new Unacknowledged(u.message(), r.sentAtMillis(), u.resendAttempts() + 1));
        } else if (step instanceof ChannelStep.RequestRepair r) {
            outRepairs.put(r.repair().messageId(), r.repair());
        } else if (step instanceof ChannelStep.OfferRepair r) {
            inRepairs.put(r.repair().messageId(), r.repair());
        } else if (step instanceof ChannelStep.CancelRepairs c) {
            c.messageIds().forEach(id -> {
                outRepairs.remove(id);
                inRepairs.remove(id);
            });
        } else if (step instanceof ChannelStep.RemoveFromHistory x) {
            history.removeIf(e -> e.message().id().equals(x.messageId()));
            hints.remove(x.messageId());
        } else if (step instanceof ChannelStep.SetRetrievalHint h) {
            hints.put(h.messageId(), h.hint());
        } else {
            throw new AssertionError("the model knows no step " + step);
        }
    }

    private void append(Message m, int cap) {
        long position = history.isEmpty() ? 1 : history.get(history.size() - 1).position() + 1;
        history.add(new HistoryEntry(position, m));
        while (history.size() > cap) {
            hints.remove(history.remove(0).message().id());
        }
        lamport = Math.max(lamport, m.lamport());
    }
}
