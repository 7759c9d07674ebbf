package dev.steadfast.replication;

import dev.steadfast.spi.Guard;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.spi.transport.Handshake;
import dev.steadfast.spi.transport.Message;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The replica's side of replication: term fencing (equal admitted, higher adopted durably then admitted, lower
 * refused), then the frame applied through the node's own store together with its journal entry in one batch, so
 * the acknowledged durable LSN and the data can never disagree.
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
            if (frame.batch().length < 8) {
                return refuse(Message.Reason.INVALID, "frame LSN " + frame.lsn() + " is too short");
            }
            ByteBuffer bytes = ByteBuffer.wrap(frame.batch());
            long termStart = bytes.getLong();
            byte[] entry = Arrays.copyOfRange(frame.batch(), 8, frame.batch().length);
            if (frame.term() == state.term && state.role != Role.REPLICA) {
                return refuse(Message.Reason.NOT_PRIMARY, "node '" + state.nodeId + "' is itself the primary of term "
                        + state.term + "; '" + from.nodeId() + "' cannot ship to it at that term");
            }
            if (frame.term() > state.term) {
                state.role = Role.REPLICA;
                Optional<Divergence> diverged = state.adopt(new TermStart(frame.term(), termStart, from.nodeId()));
                if (diverged.isPresent()) {
                    return apply(from, frame); // refused as diverged, with the range
                }
            }
            long head = state.head();
            if (frame.lsn() > head + 1 || frame.lsn() <= head) {
                return new Message.Ack(state.term, head); // a gap or a repeat: the primary resends from here
            }
            List<WriteOp> ops;
            try {
                ops = new ArrayList<>(BatchCodec.decode(entry).operations());
            } catch (IllegalArgumentException e) {
                return refuse(Message.Reason.INVALID, "frame LSN " + frame.lsn() + " holds no valid batch: "
                        + e.getMessage());
            }
            ops.add(new WriteOp.Append(Layout.LOG, head, List.of(entry)));
            WriteResult result = state.store.apply(new WriteBatch(
                    List.of(new Guard.FenceAt(Layout.TERM_FENCE, state.term)), ops));
            if (result instanceof dev.steadfast.spi.Conflict c) {
                return refuse(Message.Reason.INVALID, "frame LSN " + frame.lsn() + " did not apply on node '"
                        + state.nodeId + "': " + c.message());
            }
            return new Message.Ack(state.term, frame.lsn());
        }
    }

    private Message refuse(Message.Reason reason, String detail) {
        return new Message.Refusal(state.term, reason, detail);
    }
}
