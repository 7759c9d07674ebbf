package dev.steadfast.channel;

import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.WriteOp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The state a step is building, and the record writes that take the store there. Each change is made to both at
 * once, so the state handed out after commit is exactly what the store holds.
 */
final class Draft {
    private final ChannelState base;
    private final String namespace;
    private final int cap;
    private long lamport;
    private final Deque<HistoryEntry> history;
    private final Map<String, Bytes> hints;
    private final Map<String, Unacknowledged> outgoing;
    private final Map<String, Waiting> incoming;
    private final Map<String, OutgoingRepair> outgoingRepairs;
    private final Map<String, IncomingRepair> incomingRepairs;
    private final List<WriteOp> ops = new ArrayList<>();

    Draft(ChannelState base, int cap) {
        this.base = base;
        this.namespace = ChannelLayout.name(base.channelId());
        this.cap = cap;
        this.lamport = base.lamport();
        this.history = new ArrayDeque<>(base.history());
        this.hints = new HashMap<>(base.retrievalHints());
        this.outgoing = new HashMap<>(base.outgoing());
        this.incoming = new HashMap<>(base.incoming());
        this.outgoingRepairs = new HashMap<>(base.outgoingRepairs());
        this.incomingRepairs = new HashMap<>(base.incomingRepairs());
    }

    String channelId() {
        return base.channelId();
    }

    ChannelState base() {
        return base;
    }

    void observe(Message m) {
        lamport = Math.max(lamport, m.lamport());
    }

    /** Appends to the history, first evicting the oldest entries (and their hints) so it stays within the cap. */
    void appendHistory(Message m) {
        long position = history.isEmpty() ? base.nextPosition() : history.peekLast().position() + 1;
        while (history.size() >= cap) {
            HistoryEntry evicted = history.pollFirst();
            ops.add(new WriteOp.RemoveRecord(namespace, ChannelLayout.history(evicted.position())));
            removeHint(evicted.message().id());
        }
        history.addLast(new HistoryEntry(position, m));
        ops.add(new WriteOp.PutRecord(namespace, ChannelLayout.history(position), ChannelCodec.message(m)));
        observe(m);
    }

    /** Removes message {@code id} and its hint from the history; false when it is not there. */
    boolean removeHistory(String id) {
        for (Iterator<HistoryEntry> it = history.iterator(); it.hasNext(); ) {
            HistoryEntry e = it.next();
            if (e.message().id().equals(id)) {
                it.remove();
                ops.add(new WriteOp.RemoveRecord(namespace, ChannelLayout.history(e.position())));
                removeHint(id);
                return true;
            }
        }
        return false;
    }

    void putHint(String id, Bytes hint) {
        hints.put(id, hint);
        ops.add(new WriteOp.PutRecord(namespace, key(ChannelLayout.HINT, id), ChannelCodec.hint(hint)));
    }

    private void removeHint(String id) {
        if (hints.remove(id) != null) {
            ops.add(new WriteOp.RemoveRecord(namespace, key(ChannelLayout.HINT, id)));
        }
    }

    Map<String, Unacknowledged> outgoing() {
        return outgoing;
    }

    Map<String, Waiting> incoming() {
        return incoming;
    }

    void putOutgoing(Unacknowledged u) {
        outgoing.put(u.message().id(), u);
        observe(u.message());
        ops.add(new WriteOp.PutRecord(namespace, key(ChannelLayout.OUTGOING, u.message().id()),
                ChannelCodec.unacknowledged(u)));
    }

    void removeOutgoing(String id) {
        if (outgoing.remove(id) != null) {
            ops.add(new WriteOp.RemoveRecord(namespace, key(ChannelLayout.OUTGOING, id)));
        }
    }

    void putIncoming(Waiting w) {
        incoming.put(w.message().id(), w);
        observe(w.message());
        ops.add(new WriteOp.PutRecord(namespace, key(ChannelLayout.INCOMING, w.message().id()),
                ChannelCodec.waiting(w)));
    }

    void removeIncoming(String id) {
        if (incoming.remove(id) != null) {
            ops.add(new WriteOp.RemoveRecord(namespace, key(ChannelLayout.INCOMING, id)));
        }
    }

    void putOutgoingRepair(OutgoingRepair r) {
        outgoingRepairs.put(r.messageId(), r);
        ops.add(new WriteOp.PutRecord(namespace, key(ChannelLayout.OUTGOING_REPAIR, r.messageId()),
                ChannelCodec.repair(r.retrievalHint(), r.deadlineMillis())));
    }

    void putIncomingRepair(IncomingRepair r) {
        incomingRepairs.put(r.messageId(), r);
        ops.add(new WriteOp.PutRecord(namespace, key(ChannelLayout.INCOMING_REPAIR, r.messageId()),
                ChannelCodec.repair(r.cachedMessage(), r.deadlineMillis())));
    }

    void removeRepairs(String id) {
        if (outgoingRepairs.remove(id) != null) {
            ops.add(new WriteOp.RemoveRecord(namespace, key(ChannelLayout.OUTGOING_REPAIR, id)));
        }
        if (incomingRepairs.remove(id) != null) {
            ops.add(new WriteOp.RemoveRecord(namespace, key(ChannelLayout.INCOMING_REPAIR, id)));
        }
    }

    /** The writes of the step, ending with the meta record that counts it. */
    List<WriteOp> ops() {
        List<WriteOp> all = new ArrayList<>(ops);
        all.add(new WriteOp.PutRecord(namespace, ChannelLayout.META_KEY,
                ChannelCodec.meta(lamport, base.steps() + 1)));
        return all;
    }

    /** The state once the step committed. */
    ChannelState result() {
        return new ChannelState(base.channelId(), lamport, base.steps() + 1, new ArrayList<>(history), hints,
                outgoing, incoming, outgoingRepairs, incomingRepairs);
    }

    private static RecordKey key(byte kind, String id) {
        return ChannelLayout.keyed(kind, id);
    }
}
