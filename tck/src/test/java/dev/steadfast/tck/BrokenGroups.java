package dev.steadfast.tck;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores that take a shortcut for a common shape of write (a group of appends, a lone guarded fence change) and
 * lose part of what the batches say.
 */
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

    /**
     * Applies a group whose batches each start with an append to their own stream as a group of lone appends:
     * the other operations of each batch are dropped.
     */
    static final class AppendsOnlyInGroups extends ForwardingStore {
        AppendsOnlyInGroups(Store delegate) {
            super(delegate);
        }

        @Override
        public List<WriteResult> applyAll(List<WriteBatch> batches) {
            boolean appendsFirst = batches.size() > 1 && batches.stream().allMatch(
                    b -> b.operations().get(0) instanceof WriteOp.Append && b.guards().isEmpty());
            return batches.stream().map(b -> apply(appendsFirst
                    ? new WriteBatch(b.guards(), List.of(b.operations().get(0))) : b)).toList();
        }
    }

    /** Checks only the first guard of a batch that is one fence change, as a one-statement lease might. */
    static final class FirstGuardOfFenceChange extends ForwardingStore {
        FirstGuardOfFenceChange(Store delegate) {
            super(delegate);
        }

        @Override
        public WriteResult apply(WriteBatch batch) {
            boolean loneFenceChange = batch.operations().size() == 1
                    && batch.operations().get(0) instanceof WriteOp.SetFence && batch.guards().size() > 1;
            return super.apply(loneFenceChange
                    ? new WriteBatch(batch.guards().subList(0, 1), batch.operations()) : batch);
        }

        @Override
        public List<WriteResult> applyAll(List<WriteBatch> batches) {
            return DefaultMethods.over(this).applyAll(batches);
        }
    }
}
