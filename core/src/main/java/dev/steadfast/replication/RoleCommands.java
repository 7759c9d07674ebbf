package dev.steadfast.replication;

import dev.steadfast.spi.transport.Message;
import dev.steadfast.spi.transport.RoleCommand;

/** A node's answers to a coordinator's {@link RoleCommand}s; each is idempotent, as the transport may repeat it. */
final class RoleCommands {
    private final NodeState state;
    private final Shipper shipper;

    RoleCommands(NodeState state, Shipper shipper) {
        this.state = state;
        this.shipper = shipper;
    }

    Message handle(RoleCommand command) {
        if (command instanceof RoleCommand.CatchUp catchUp) {
            return catchUp(catchUp.replicaId()); // ships without holding the state lock
        }
        synchronized (state.lock) {
            if (command instanceof RoleCommand.Status) {
                return ack();
            } else if (command instanceof RoleCommand.Freeze freeze) {
                return switchWrites(freeze.term(), Role.PRIMARY, Role.FROZEN, "freeze");
            } else if (command instanceof RoleCommand.Resume resume) {
                return switchWrites(resume.term(), Role.FROZEN, Role.PRIMARY, "resume");
            } else if (command instanceof RoleCommand.Promote promote) {
                return promote(promote.newTerm());
            } else if (command instanceof RoleCommand.Demote demote) {
                return demote(demote);
            }
        }
        return refuse(Message.Reason.INVALID, "unknown role command " + command);
    }

    private Message switchWrites(long term, Role from, Role to, String what) {
        if (term != state.term || (state.role != from && state.role != to)) {
            return refuse(term < state.term ? Message.Reason.STALE_TERM : Message.Reason.NOT_PRIMARY,
                    "cannot " + what + " node '" + state.nodeId + "' at term " + term + ": it is " + state.role
                            + " at term " + state.term);
        }
        state.role = to;
        return ack();
    }

    private Message catchUp(String replicaId) {
        long head;
        synchronized (state.lock) {
            if (state.role != Role.PRIMARY && state.role != Role.FROZEN) {
                return refuse(Message.Reason.NOT_PRIMARY, "node '" + state.nodeId + "' is " + state.role
                        + ", only the primary ships to '" + replicaId + "'");
            }
            head = state.head();
        }
        try {
            return new Message.Ack(state.term, shipper.shipTo(replicaId, head));
        } catch (IllegalArgumentException e) {
            return refuse(Message.Reason.INVALID, e.getMessage());
        }
    }

    private Message promote(long newTerm) {
        if (newTerm == state.term && state.role == Role.PRIMARY) {
            return ack(); // a repeated promotion
        }
        if (newTerm <= state.term || state.role == Role.DIVERGED) {
            return refuse(newTerm <= state.term ? Message.Reason.STALE_TERM : Message.Reason.DIVERGED,
                    "node '" + state.nodeId + "' cannot become primary of term " + newTerm + ": it is "
                            + state.role + " at term " + state.term);
        }
        state.adopt(new TermStart(newTerm, state.head() + 1, state.nodeId));
        state.role = Role.PRIMARY;
        shipper.reset();
        return ack();
    }

    private Message demote(RoleCommand.Demote demote) {
        if (demote.newTerm() < state.term) {
            return refuse(Message.Reason.STALE_TERM, "node '" + state.nodeId + "' holds term " + state.term
                    + ", cannot be demoted to term " + demote.newTerm());
        }
        if (demote.newTerm() > state.term || state.role == Role.PRIMARY || state.role == Role.FROZEN) {
            state.role = Role.REPLICA;
            state.adopt(new TermStart(demote.newTerm(), demote.termStartLsn(), demote.primaryId()));
        }
        return new Message.Ack(state.term, Math.min(state.head(), demote.termStartLsn() - 1));
    }

    private Message ack() {
        return new Message.Ack(state.term, state.head());
    }

    private Message refuse(Message.Reason reason, String detail) {
        return new Message.Refusal(state.term, reason, detail);
    }
}
