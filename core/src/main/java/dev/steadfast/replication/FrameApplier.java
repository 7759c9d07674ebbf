package dev.steadfast.replication;

import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The replica's side of replication: term fencing (equal admitted, higher adopted durably then admitted, lower
 * refused), then each entry of the frame applied through the node's own store together with its journal entry in
 * one batch, so the acknowledged durable LSN and the data can never disagree. The entries of one frame share one
 * {@link dev.steadfast.spi.Store#applyAll} call: one durable commit for many entries on stores that group them.
 */
final class FrameApplier {
    private final NodeState state;

    FrameApplier(NodeState state) {
        this.state = state;
    }

    Message apply(Handshake from, Message.Frame frame) {
        synchronized (state.lock) {
            if (state.role == Role.DIVERGED) {
                return refuse(Message.Reason.DIVERGED, "node '" + state.nodeId + "' holds entries "
                        + state.divergence().map(d -> d.fromLsn() + ".." + d.toLsn()).orElse("?")
                        + " no later primary has; rebuild it before it replicates again");
            }
            if (frame.term() < state.term) {
                return refuse(Message.Reason.STALE_TERM, "frame of term " + frame.term() + " at LSN " + frame.lsn()
                        + " from '" + from.nodeId() + "' refused: node '" + state.nodeId + "' adopted term "
                        + state.term);
            }
            FramePayload payload;
            List<List<WriteOp>> operations = new ArrayList<>();
            try {
                payload = FramePayload.decode(frame.batch());
                for (byte[] entry : payload.entries()) {
                    operations.add(BatchCodec.decode(entry).operations());
                }
            } catch (IllegalArgumentException e) {
                return refuse(Message.Reason.INVALID, "frame LSN " + frame.lsn() + " holds no valid batch: "
                        + e.getMessage());
            }
            if (frame.term() == state.term && state.role != Role.REPLICA) {
                return refuse(Message.Reason.NOT_PRIMARY, "node '" + state.nodeId + "' is itself the primary of term "
                        + state.term + "; '" + from.nodeId() + "' cannot ship to it at that term");
            }
            if (frame.term() > state.term) {
                state.role = Role.REPLICA;
                Optional<Divergence> diverged = state.adopt(new TermStart(frame.term(), payload.termStart(),
                        from.nodeId()));
                if (diverged.isPresent()) {
                    return apply(from, frame); // refused as diverged, with the range
                }
            }
            long head = state.head();
            if (frame.lsn() > head + 1) {
                return new Message.Ack(state.term, head); // a gap: the primary resends from here
            }
            List<WriteBatch> batches = new ArrayList<>();
            for (int i = (int) (head + 1 - frame.lsn()); i < operations.size(); i++) { // skips entries held already
                List<WriteOp> ops = new ArrayList<>(operations.get(i));
                ops.add(new WriteOp.Append(Layout.LOG, head + batches.size(), List.of(payload.entries().get(i))));
                batches.add(new WriteBatch(List.of(new Guard.FenceAt(Layout.TERM_FENCE, state.term)), ops));
            }
            return applyInOrder(head, batches);
        }
    }

    /** Applies the batches; the acknowledged LSN is the end of the prefix that committed. */
    private Message applyInOrder(long head, List<WriteBatch> batches) {
        List<WriteResult> results = state.store.applyAll(batches);
        int committed = 0;
        while (committed < results.size() && !(results.get(committed) instanceof Conflict)) {
            committed++;
        }
        if (committed == 0 && !results.isEmpty()) {
            return refuse(Message.Reason.INVALID, "frame LSN " + (head + 1) + " did not apply on node '"
                    + state.nodeId + "': " + ((Conflict) results.get(0)).message());
        }
        return new Message.Ack(state.term, head + committed);
    }

    private Message refuse(Message.Reason reason, String detail) {
        return new Message.Refusal(state.term, reason, detail);
    }
}
