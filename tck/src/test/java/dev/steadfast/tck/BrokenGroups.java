package dev.steadfast.tck;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stores whose group commit ({@code applyAll}) takes a shortcut that changes what a batch of the group sees. */
final class BrokenGroups {
    private BrokenGroups() {
    }

    /**
     * Applies first every batch that is one append to a stream no other batch of the group appends to, as a group
     * commit that batches independent writers might, then the rest in order: it forgets that another batch may
     * truncate or guard that stream, or change the fence that guards the append.
     */
    static final class LoneAppendsFirst extends ForwardingStore {
        LoneAppendsFirst(Store delegate) {
            super(delegate);
        }

        @Override
        public List<WriteResult> applyAll(List<WriteBatch> batches) {
            Map<String, Integer> appendsTo = new HashMap<>();
            for (WriteBatch b : batches) {
                for (WriteOp op : b.operations()) {
                    if (op instanceof WriteOp.Append a) {
                        appendsTo.merge(a.stream().value(), 1, Integer::sum);
                    }
                }
            }
            WriteResult[] results = new WriteResult[batches.size()];
            for (int i = 0; i < batches.size(); i++) {
                WriteBatch b = batches.get(i);
                if (b.operations().size() == 1 && b.operations().get(0) instanceof WriteOp.Append a
                        && appendsTo.get(a.stream().value()) == 1) {
                    results[i] = apply(b);
                }
            }
            for (int i = 0; i < batches.size(); i++) {
                if (results[i] == null) {
                    results[i] = apply(batches.get(i));
                }
            }
            return new ArrayList<>(List.of(results));
        }
    }
}
