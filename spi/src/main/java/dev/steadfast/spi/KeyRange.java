package dev.steadfast.spi;

import java.util.Objects;

/**
 * A range of record keys for {@link Store#scanRecords(String, KeyRange, int)}: from an inclusive lower bound to an
 * exclusive upper bound, either of which may be open.
 *
 * @param fromInclusive the smallest key in the range, or {@code null} for no lower bound
 * @param toExclusive   the first key past the range, or {@code null} for no upper bound
 */
public record KeyRange(RecordKey fromInclusive, RecordKey toExclusive) {
    private static final KeyRange ALL = new KeyRange(null, null);

    /** @throws IllegalArgumentException if both bounds are set and {@code toExclusive < fromInclusive} */
    public KeyRange {
        if (fromInclusive != null && toExclusive != null && toExclusive.compareTo(fromInclusive) < 0) {
            throw new IllegalArgumentException(
                    "key range ends at " + toExclusive + " before it starts at " + fromInclusive);
        }
    }

    /** Every key. */
    public static KeyRange all() {
        return ALL;
    }

    /** Keys at or after {@code from}. */
    public static KeyRange from(RecordKey from) {
        return new KeyRange(Objects.requireNonNull(from, "from"), null);
    }

    /** Keys at or after {@code from} and before {@code to}. */
    public static KeyRange between(RecordKey from, RecordKey to) {
        return new KeyRange(Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"));
    }

    /** Whether {@code key} lies in this range. */
    public boolean contains(RecordKey key) {
        return (fromInclusive == null || key.compareTo(fromInclusive) >= 0)
                && (toExclusive == null || key.compareTo(toExclusive) < 0);
    }
}
