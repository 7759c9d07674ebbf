package dev.steadfast.backend.sqlite;

import dev.steadfast.jdbc.Dialect;
import dev.steadfast.jdbc.FailureKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * H2 (embedded): writes of one store go through one connection at a time (an H2 file belongs to one process, and
 * H2's {@code SELECT ... FOR UPDATE} was seen to return a head read before the wait under contention, so racing
 * connections would only burn retries). Row locks stay on for two stores opened on one database in one JVM: every
 * stream head and fence a transaction checks gets a placeholder row read {@code FOR UPDATE}, and a lost race on
 * inserting the same key is classified retryable, so the loser runs its transaction again.
 */
final class H2Dialect implements Dialect {
    @Override
    public String name() {
        return "H2";
    }

    @Override
    public String payloadType() {
        return "VARBINARY";
    }

    @Override
    public String keyType() {
        return "VARBINARY(1024)"; // H2 2.x compares binary strings as unsigned bytes
    }

    @Override
    public String textType() {
        return "VARCHAR(512)"; // compared by UTF-16 unit; the store sorts listed names into code point order
    }

    @Override
    public String upsert(String table, List<String> keys, List<String> values) {
        List<String> all = columns(keys, values);
        return "MERGE INTO " + table + " (" + String.join(", ", all) + ") KEY (" + String.join(", ", keys)
                + ") VALUES (" + marks(all.size()) + ")";
    }

    @Override
    public String insertIfAbsent(String table, List<String> keys, List<String> values) {
        List<String> all = columns(keys, values);
        String cols = String.join(", ", all);
        return "MERGE INTO " + table + " t USING (VALUES (" + marks(all.size()) + ")) s(" + cols + ") ON "
                + keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "))
                + " WHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES ("
                + all.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String lockClause() {
        return " FOR UPDATE";
    }

    @Override
    public boolean singleWriter() {
        return true;
    }

    /** Compacts the file online: see {@link H2Space} for why H2's SQL alone cannot. */
    @Override
    public void reclaimSpace(Connection connection) throws SQLException {
        H2Space.compact(connection);
    }

    @Override
    public long storageBytes(Connection connection) throws SQLException {
        return H2Space.fileSize(connection);
    }

    @Override
    public FailureKind classify(SQLException e) {
        return switch (e.getErrorCode()) {
            case 23505, 40001 -> FailureKind.RETRYABLE; // lost race on a placeholder row, deadlock
            case 50200 -> FailureKind.BUSY;
            case 90020, 90146, 90013 -> FailureKind.CANNOT_OPEN; // in use by another process, not found
            case 90030 -> FailureKind.CORRUPT;
            case 90048 -> FailureKind.NOT_A_DATABASE;
            case 90097 -> FailureKind.READ_ONLY;
            case 90067, 90098, 90121 -> FailureKind.CONNECTION_LOST;
            default -> FailureKind.OTHER;
        };
    }

    private static List<String> columns(List<String> keys, List<String> values) {
        List<String> all = new ArrayList<>(keys);
        all.addAll(values);
        return all;
    }

    private static String marks(int n) {
        return "?" + ", ?".repeat(n - 1);
    }
}
