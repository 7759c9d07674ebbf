package dev.steadfast.jdbc;

import dev.steadfast.spi.Conflict;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One-append batches to distinct streams with existing heads (see {@link FastPaths#independentAppends}; their
 * fence guards, if any, already checked) sent as the dialect's {@link Dialect#groupAppend}: one statement for the
 * whole group, where {@link BatchedAppends} sends one statement per append (pipelined, but each parsed, planned and
 * run on its own by the server). Each append either moved its head and inserted all its entries or wrote nothing;
 * each that wrote nothing then runs {@link BatchWriter#appendInSteps}, which reports its conflict or applies it after
 * all, as for {@link BatchedAppends}.
 *
 * <p>Only appends that expect a head above 0 take it (an expected head of 0 may have to create the head row, which
 * the statement does not); the others of a group stay with {@link BatchedAppends}. The appends are sent in stream
 * order, so that the server locks the heads of two overlapping groups in the same order where its plan follows the
 * rows as given; a deadlock it still meets aborts the transaction with nothing written and is retried.
 *
 * <p><b>Off by default.</b> Only a store opened while the system property {@value #SWITCH} is {@code on} takes this
 * path: an internal switch for measuring the two paths side by side, not a supported option. Measured on a loaded
 * 2-core machine (2026-11-30, {@code benchmarks/results/postgresql.md}) it was no faster than the JDBC batch: the
 * server spent about as much CPU per group either way (the commit's WAL flush, not the statements, is most of it),
 * and the client more (encoding the arrays). Kept, with its tests, to be measured again on a quiet or larger machine.
 */
final class GroupAppends {
    /** The system property that turns this path on for stores opened while it is {@code on}. */
    static final String SWITCH = "steadfast.jdbc.groupAppend";

    private final BatchWriter writer;
    /** The dialect's statement, or null when it has none or the path is switched off. */
    private final String text;

    GroupAppends(BatchWriter writer, Dialect dialect) {
        this.writer = writer;
        this.text = "on".equals(System.getProperty(SWITCH)) ? dialect.groupAppend() : null;
    }

    /**
     * The positions of the batches of an independent group that can take the statement: those whose append expects
     * a head above 0. Empty when the dialect has no statement or fewer than two qualify (one gains nothing).
     */
    List<Integer> eligible(List<WriteBatch> batches) {
        if (text == null) {
            return List.of();
        }
        List<Integer> eligible = new ArrayList<>(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            if (append(batches.get(i)).expectedHead() > 0) {
                eligible.add(i);
            }
        }
        return eligible.size() >= 2 ? eligible : List.of();
    }

    /** Applies {@code batches}, all {@link #eligible}, inside the caller's transaction; results in their order. */
    List<WriteResult> run(StatementCache st, List<WriteBatch> batches) throws SQLException {
        List<Integer> order = new ArrayList<>(batches.size());
        int entries = 0;
        for (int i = 0; i < batches.size(); i++) {
            order.add(i);
            entries += append(batches.get(i)).payloads().size();
        }
        order.sort(Comparator.comparing(i -> append(batches.get(i)).stream().value()));
        String[] streams = new String[batches.size()];
        Long[] expected = new Long[batches.size()];
        Long[] heads = new Long[batches.size()];
        String[] entryStreams = new String[entries];
        Long[] seqs = new Long[entries];
        byte[][] payloads = new byte[entries][];
        int e = 0;
        for (int k = 0; k < order.size(); k++) {
            WriteOp.Append a = append(batches.get(order.get(k)));
            streams[k] = a.stream().value();
            expected[k] = a.expectedHead();
            heads[k] = a.newHead();
            long seq = a.expectedHead();
            for (byte[] p : a.payloads()) {
                entryStreams[e] = streams[k];
                seqs[e] = ++seq;
                payloads[e++] = p;
            }
        }
        Set<String> moved = execute(st, streams, expected, heads, entryStreams, seqs, payloads);
        WriteResult[] results = new WriteResult[batches.size()];
        for (int i = 0; i < batches.size(); i++) {
            WriteOp.Append a = append(batches.get(i));
            if (moved.contains(a.stream().value())) {
                results[i] = WriteResult.committed();
            } else {
                // Wrote nothing: the separate statements report the conflict (or, for a head created meanwhile at
                // the expected value, apply it), in the transaction's own view of the rows.
                Conflict c = writer.appendInSteps(st, a);
                results[i] = c == null ? WriteResult.committed() : c;
            }
        }
        return List.of(results);
    }

    private Set<String> execute(StatementCache st, String[] streams, Long[] expected, Long[] heads,
                                String[] entryStreams, Long[] seqs, byte[][] payloads) throws SQLException {
        Connection c = st.connection();
        Array[] arrays = {c.createArrayOf("text", streams), c.createArrayOf("bigint", expected),
            c.createArrayOf("bigint", heads), c.createArrayOf("text", entryStreams), c.createArrayOf("bigint", seqs),
            c.createArrayOf("bytea", payloads)};
        try {
            PreparedStatement ps = st.get(text);
            for (int i = 0; i < arrays.length; i++) {
                ps.setArray(i + 1, arrays[i]);
            }
            Set<String> asked = Set.of(streams);
            Set<String> moved = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String s = rs.getString(1);
                    if (!asked.contains(s) || !moved.add(s)) {
                        // Without a clear answer per append the outcome is unknown; failing rolls everything back.
                        throw new SQLException("the group append returned stream '" + s + "', which it was "
                                + (asked.contains(s) ? "asked to move once" : "not asked to move")
                                + "; cannot tell which appends applied");
                    }
                }
            }
            return moved;
        } finally {
            for (Array a : arrays) {
                try {
                    a.free();
                } catch (SQLException ignored) {
                    // only releases the driver's copy of the values
                }
            }
        }
    }

    private static WriteOp.Append append(WriteBatch b) {
        return (WriteOp.Append) b.operations().get(0);
    }
}
