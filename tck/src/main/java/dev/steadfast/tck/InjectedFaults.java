package dev.steadfast.tck;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.util.List;

/**
 * Correct stores made wrong in one way each, with {@link ForwardingStore}: the bugs a checker of stores (the
 * contention harness, {@code steadfast certify}) must catch. Each fault breaks a promise of the {@link Store}
 * contract silently, the way a real backend bug would: the calls succeed and report success.
 */
public final class InjectedFaults {
    private InjectedFaults() {
    }

    /**
     * Drops every fence guard of every batch: a superseded owner's write lands.
     *
     * @param real the correct store to break; it receives the altered batches
     * @return a store that ignores {@link Guard.FenceAt}, group commits included
     */
    public static Store ignoringFenceGuards(Store real) {
        return new OneByOne(real) {
            @Override
            public WriteResult apply(WriteBatch batch) {
                List<Guard> kept = batch.guards().stream().filter(g -> !(g instanceof Guard.FenceAt)).toList();
                return super.apply(new WriteBatch(kept, batch.operations()));
            }
        };
    }

    /**
     * Reports every third batch that appends to a journal as committed without writing any of it: a lost
     * acknowledged write.
     *
     * @param real the correct store to break
     * @return a store that drops the 3rd, 6th, ... appending batch it is given (meant for one writer thread)
     */
    public static Store droppingAcknowledgedAppends(Store real) {
        return new OneByOne(real) {
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

    /**
     * Writes every lease end but a release (0) as {@link Long#MAX_VALUE}, "never": leases never expire, so a
     * crashed owner is never replaced.
     *
     * @param real the correct store to break
     * @return a store that rewrites the lease end of every fence set
     */
    public static Store leasesNeverExpiring(Store real) {
        return new OneByOne(real) {
            @Override
            public WriteResult apply(WriteBatch batch) {
                List<WriteOp> ops = batch.operations().stream().map(InjectedFaults::neverExpiring).toList();
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

    /**
     * Sends group commits through {@code apply} one batch at a time, so the fault applies to them too, with
     * {@link Store}'s own default {@code applyAll}: every batch checked before the first is applied, a closed store
     * refused also for no batches, and a busy refusal after a batch committed reported as an unknown outcome
     * rather than as {@code StoreBusyException}, which would tell the writer that nothing was written.
     */
    static class OneByOne extends ForwardingStore {
        OneByOne(Store delegate) {
            super(delegate);
        }

        @Override
        public List<WriteResult> applyAll(List<WriteBatch> batches) {
            return DefaultMethods.over(this).applyAll(batches);
        }
    }
}
