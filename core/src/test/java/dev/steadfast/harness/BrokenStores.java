package dev.steadfast.harness;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import java.util.List;

/** Stores with one injected fault each, the bugs the harness must catch, made with the TCK's forwarding store. */
final class BrokenStores {
    private BrokenStores() {
    }

    /** Drops every fence guard of a batch: a superseded owner's write lands. */
    static Store ignoringFenceGuards(Store real) {
        return new ForwardingStore(real) {
            @Override
            public WriteResult apply(WriteBatch batch) {
                List<Guard> kept = batch.guards().stream().filter(g -> !(g instanceof Guard.FenceAt)).toList();
                return super.apply(new WriteBatch(kept, batch.operations()));
            }
        };
    }

    /** Acknowledges every third batch that appends to a journal without writing it. */
    static Store droppingAcknowledgedAppends(Store real) {
        return new ForwardingStore(real) {
            private int appends;

            @Override
            public WriteResult apply(WriteBatch batch) {
                boolean appending = batch.operations().stream().anyMatch(op -> op instanceof WriteOp.Append);
                if (appending && ++appends % 3 == 0) {
                    return WriteResult.committed();
                }
                return super.apply(batch);
            }
        };
    }

    /** Stores every lease end except a release (0) as "never": leases never expire. */
    static Store leasesNeverExpiring(Store real) {
        return new ForwardingStore(real) {
            @Override
            public WriteResult apply(WriteBatch batch) {
                List<WriteOp> ops = batch.operations().stream().map(BrokenStores::neverExpiring).toList();
                return super.apply(new WriteBatch(batch.guards(), ops));
            }
        };
    }

    private static WriteOp neverExpiring(WriteOp op) {
        if (op instanceof WriteOp.SetFence set && set.fence().leaseUntilMillis() != 0) {
            Fence f = set.fence();
            return new WriteOp.SetFence(new Fence(f.name(), f.owner(), f.epoch(), f.token(), Long.MAX_VALUE),
                    set.expectedEpoch());
        }
        return op;
    }
}
