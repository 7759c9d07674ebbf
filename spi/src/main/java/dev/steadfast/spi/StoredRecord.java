package dev.steadfast.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record as read back by {@link Store#scanRecords}.
 *
 * <p>The value array is handed over, not copied: treat it as read-only.
 *
 * @param namespace the namespace it lives in
 * @param key       its key within the namespace
 * @param value     its bytes
 */
public record StoredRecord(String namespace, RecordKey key, byte[] value) {
    /**
     * Checks the fields; a store builds records only from what it committed.
     *
     * @param namespace the namespace, a valid {@link Names name}
     * @param key       the key within the namespace
     * @param value     the bytes, not copied
     * @throws IllegalArgumentException if the namespace is not a valid name
     */
    public StoredRecord {
        Names.require("record namespace", namespace);
        Objects.requireNonNull(key, "record key");
        Objects.requireNonNull(value, "record value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredRecord r && r.namespace.equals(namespace) && r.key.equals(key)
                && Arrays.equals(r.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, key, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "StoredRecord[" + namespace + "/" + key + ", " + value.length + " bytes]";
    }
}
