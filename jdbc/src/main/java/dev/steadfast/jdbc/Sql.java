package dev.steadfast.jdbc;

import java.util.List;

/** The statements of the store, rendered once for a dialect. Table and column names are the same everywhere. */
final class Sql {
    final String selectHead;
    final String selectHeadForWrite;
    final String insertHeadIfAbsent;
    final String casHead;
    final String insertEntry;
    final String truncate;
    final String readJournal;
    final String listStreams;

    final String selectSnapshot;
    final String upsertSnapshot;
    final String deleteSnapshot;
    final String listSnapshots;

    final String selectRecord;
    final String upsertRecord;
    final String deleteRecord;
    final String dropNamespace;
    final String listNamespaces;
    private final String scanPrefix;

    final String selectFence;
    final String selectFenceForWrite;
    final String insertFenceIfAbsent;
    final String casFence;
    /** {@link #casFence} that also needs the stored owner, token and lease end to be the expected ones. */
    final String casExactFence;
    /** {@link #casFence} and {@link #casExactFence} under the dialect's {@link Dialect#fenceGuard}, or null. */
    final String guardedCasFence;
    final String guardedCasExactFence;
    final String listFences;
    private final String lock;

    Sql(Dialect d) {
        lock = d.lockClause();
        selectHead = "SELECT head FROM streams WHERE stream = ?";
        selectHeadForWrite = selectHead + lock;
        insertHeadIfAbsent = d.insertIfAbsent("streams", List.of("stream"), List.of("head"));
        casHead = "UPDATE streams SET head = ? WHERE stream = ? AND head = ?";
        insertEntry = "INSERT INTO journal (stream, seq, payload) VALUES (?, ?, ?)";
        truncate = "DELETE FROM journal WHERE stream = ? AND seq <= ?";
        readJournal = "SELECT seq, payload FROM journal WHERE stream = ? AND seq >= ? AND seq <= ? ORDER BY seq LIMIT ?";
        listStreams = "SELECT stream FROM streams WHERE stream >= ? AND head > 0 ORDER BY stream";

        selectSnapshot = "SELECT covered_seq, payload FROM snapshots WHERE snapshot_key = ?";
        upsertSnapshot = d.upsert("snapshots", List.of("snapshot_key"), List.of("covered_seq", "payload"));
        deleteSnapshot = "DELETE FROM snapshots WHERE snapshot_key = ?";
        listSnapshots = "SELECT snapshot_key FROM snapshots WHERE snapshot_key >= ? ORDER BY snapshot_key";

        selectRecord = "SELECT record_value FROM records WHERE namespace = ? AND record_key = ?";
        upsertRecord = d.upsert("records", List.of("namespace", "record_key"), List.of("record_value"));
        deleteRecord = "DELETE FROM records WHERE namespace = ? AND record_key = ?";
        dropNamespace = "DELETE FROM records WHERE namespace = ?";
        listNamespaces = "SELECT DISTINCT namespace FROM records WHERE namespace >= ? ORDER BY namespace";
        scanPrefix = "SELECT record_key, record_value FROM records WHERE namespace = ?";

        selectFence = "SELECT owner, epoch, token, lease_until FROM fences WHERE name = ? AND epoch > 0";
        selectFenceForWrite = "SELECT owner, epoch FROM fences WHERE name = ?" + lock;
        insertFenceIfAbsent = d.insertIfAbsent("fences", List.of("name"),
                List.of("owner", "epoch", "token", "lease_until"));
        casFence = "UPDATE fences SET owner = ?, epoch = ?, token = ?, lease_until = ? WHERE name = ? AND epoch = ?";
        casExactFence = casFence + " AND owner = ? AND token = ? AND lease_until = ?";
        String guard = d.fenceGuard();
        guardedCasFence = guard == null ? null : guard + " " + casFence + " AND EXISTS (SELECT 1 FROM g)";
        guardedCasExactFence = guard == null ? null : guard + " " + casExactFence + " AND EXISTS (SELECT 1 FROM g)";
        listFences = "SELECT name, owner, epoch, token, lease_until FROM fences WHERE name >= ? AND epoch > 0"
                + " ORDER BY name";
    }

    /**
     * The fences named by {@code count} parameters, read with the lock clause in name order, so that writers that
     * lock several fences this way all take them in the same order. Columns: name, owner, epoch.
     */
    String selectFencesForWrite(int count) {
        return "SELECT name, owner, epoch FROM fences WHERE name IN (" + "?, ".repeat(count - 1) + "?) ORDER BY name"
                + lock;
    }

    /** A record scan with the bounds that are set; parameters: namespace, [from], [to], limit. */
    String scanRecords(boolean from, boolean to) {
        return scanPrefix + (from ? " AND record_key >= ?" : "") + (to ? " AND record_key < ?" : "")
                + " ORDER BY record_key LIMIT ?";
    }
}
