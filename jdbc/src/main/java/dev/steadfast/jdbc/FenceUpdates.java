package dev.steadfast.jdbc;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.WriteOp;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A fence change as one compare-and-set statement, alone or under one fence guard. Each either changed the fence
 * (update count 1) or wrote nothing; the caller finds out why with its own reads.
 */
final class FenceUpdates {
    private final Sql sql;

    FenceUpdates(Sql sql) {
        this.sql = sql;
    }

    /**
     * One statement: sets the fence if its row exists with the expected epoch, and, when {@code op} expects an exact
     * fence, with that fence's owner, token and lease end too.
     */
    boolean update(StatementCache st, WriteOp.SetFence op) throws SQLException {
        PreparedStatement cas = st.get(op.expected() == null ? sql.casFence : sql.casExactFence);
        return bindFenceUpdate(cas, 1, op).executeUpdate() == 1;
    }

    /** Whether the dialect has a {@link Dialect#fenceGuard}, so {@link #updateGuarded} can run. */
    boolean hasGuarded() {
        return sql.guardedCasFence != null;
    }

    /**
     * One statement: {@link #update} only if the fence {@code guard} names is at its epoch. Writes nothing
     * when either does not hold (or the guard's row is absent on a dialect with row locks).
     */
    boolean updateGuarded(StatementCache st, Guard.FenceAt guard, WriteOp.SetFence op) throws SQLException {
        PreparedStatement cas = st.get(op.expected() == null ? sql.guardedCasFence : sql.guardedCasExactFence);
        cas.setString(1, guard.name());
        cas.setLong(2, guard.epoch());
        return bindFenceUpdate(cas, 3, op).executeUpdate() == 1;
    }

    private static PreparedStatement bindFenceUpdate(PreparedStatement cas, int first, WriteOp.SetFence op)
            throws SQLException {
        Fence f = op.fence();
        Fence expected = op.expected();
        int i = first;
        cas.setString(i++, f.owner());
        cas.setLong(i++, f.epoch());
        cas.setString(i++, f.token());
        cas.setLong(i++, f.leaseUntilMillis());
        cas.setString(i++, f.name());
        cas.setLong(i++, op.expectedEpoch());
        if (expected != null) {
            cas.setString(i++, expected.owner());
            cas.setString(i++, expected.token());
            cas.setLong(i, expected.leaseUntilMillis());
        }
        return cas;
    }
}
