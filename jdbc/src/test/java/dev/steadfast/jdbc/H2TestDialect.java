package dev.steadfast.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/** A minimal H2 dialect for this module's own tests; it uses row locks, as PostgreSQL will. */
final class H2TestDialect implements Dialect {
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
        return "VARBINARY(1024)";
    }

    @Override
    public String textType() {
        return "VARCHAR(512)";
    }

    @Override
    public String upsert(String table, List<String> keys, List<String> values) {
        List<String> all = new java.util.ArrayList<>(keys);
        all.addAll(values);
        return "MERGE INTO " + table + " (" + String.join(", ", all) + ") KEY (" + String.join(", ", keys)
                + ") VALUES (" + all.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String insertIfAbsent(String table, List<String> keys, List<String> values) {
        List<String> all = new java.util.ArrayList<>(keys);
        all.addAll(values);
        String cols = String.join(", ", all);
        return "MERGE INTO " + table + " t USING (VALUES (" + all.stream().map(c -> "?").collect(Collectors.joining(", "))
                + ")) s(" + cols + ") ON " + keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "))
                + " WHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES ("
                + all.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String lockClause() {
        return " FOR UPDATE";
    }

    @Override
    public boolean singleWriter() {
        return false;
    }

    @Override
    public FailureKind classify(SQLException e) {
        return switch (e.getErrorCode()) {
            case 23505, 40001 -> FailureKind.RETRYABLE;
            case 50200 -> FailureKind.BUSY;
            case 90030 -> FailureKind.CORRUPT; // H2's FILE_CORRUPTED_1
            default -> FailureKind.OTHER;
        };
    }
}
