package dev.steadfast.replication;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteOp;
import java.util.Optional;

/** Where replication keeps its state in a node's own store, beside the application's data. */
final class Layout {
    /** The replicated journal: entry sequence = LSN, payload = {@link BatchCodec} bytes. */
    static final StreamId LOG = StreamId.of("steadfast.replication/log");
    /** The highest term the node adopted, as the fence's epoch. */
    static final String TERM_FENCE = "steadfast.replication/term";
    /** Which term started at which LSN on which node. */
    static final String TERMS = "steadfast.replication/terms";
    /** The node's entries that never reached the primary of a later term. */
    static final String DIVERGED = "steadfast.replication/diverged";

    private Layout() {
    }

    static long term(Store store) {
        return store.readFence(TERM_FENCE).map(Fence::epoch).orElse(0L);
    }

    /** Adopts {@code newTerm} if the stored term is still {@code currentTerm}. */
    static WriteOp adopt(String nodeId, long currentTerm, long newTerm) {
        return new WriteOp.SetFence(new Fence(TERM_FENCE, nodeId, newTerm, "", Long.MAX_VALUE), currentTerm);
    }

    static Optional<Long> entryTerm(Store store, long lsn) {
        try (var entries = store.readJournal(LOG, lsn, lsn, 1)) {
            return entries.findFirst().map(e -> BatchCodec.termOf(e.payload()));
        }
    }
}
