package dev.steadfast.replication;

import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node's role and term and the store they are kept in, shared by the parts of a {@link ReplicationNode}. The
 * fields change only under {@link #lock}, and only after the store committed the change.
 */
final class NodeState {
    private static final RecordKey DIVERGENCE_KEY = RecordKey.of("range");

    final Object lock = new Object();
    final Store store;
    final String nodeId;
    final TermHistory history;
    volatile Role role;
    volatile long term;
    /** The LSN the current term started at, sent with every frame so a replica can find what diverged. */
    volatile long termStart;

    NodeState(Store store, String nodeId) {
        this.store = store;
        this.nodeId = nodeId;
        this.history = new TermHistory(store);
        this.term = Layout.term(store);
        this.termStart = history.start(term).map(TermStart::startLsn).orElse(1L);
        this.role = divergence().isPresent() ? Role.DIVERGED : Role.REPLICA;
    }

    long head() {
        return store.journalHead(Layout.LOG);
    }

    Optional<Divergence> divergence() {
        return store.getRecord(Layout.DIVERGED, DIVERGENCE_KEY).map(v -> {
            ByteBuffer b = ByteBuffer.wrap(v);
            return new Divergence(b.getLong(), b.getLong(), b.getLong());
        });
    }

    /**
     * Durably adopts {@code newTerm} begun at {@code start}, recording it in the history and, when this node's
     * entries from {@code start.startLsn()} on are from older terms, the divergence. Caller holds the lock.
     *
     * @return the divergence found, if any
     */
    Optional<Divergence> adopt(TermStart start) {
        long head = head();
        Divergence diverged = null;
        for (long lsn = start.startLsn(); lsn <= head && diverged == null; lsn++) {
            long entryTerm = Layout.entryTerm(store, lsn).orElse(start.term());
            if (entryTerm < start.term()) {
                diverged = new Divergence(lsn, head, start.term());
            }
        }
        List<WriteOp> ops = new ArrayList<>();
        if (start.term() > term) {
            ops.add(Layout.adopt(nodeId, term, start.term()));
        }
        ops.add(TermHistory.record(start));
        if (diverged != null) {
            byte[] value = ByteBuffer.allocate(24).putLong(diverged.fromLsn()).putLong(diverged.toLsn())
                    .putLong(diverged.newTerm()).array();
            ops.add(new WriteOp.PutRecord(Layout.DIVERGED, DIVERGENCE_KEY, value));
        }
        commit(new WriteBatch(List.of(), ops), "adopting term " + start.term());
        term = start.term();
        termStart = start.startLsn();
        if (diverged != null) {
            role = Role.DIVERGED;
        }
        return Optional.ofNullable(diverged);
    }

    /** Applies a batch that must commit; a conflict means another writer touched replication state. */
    void commit(WriteBatch batch, String what) {
        WriteResult result = store.apply(batch);
        if (result instanceof Conflict c) {
            throw new IllegalStateException("node '" + nodeId + "' could not commit " + what + ": " + c.message());
        }
    }
}
