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

    /**
     * Checks that the range does not end before it starts; an empty range ({@code from == to}) is allowed.
     *
     * @param fromInclusive the smallest key in the range, or {@code null} for no lower bound
     * @param toExclusive   the first key past the range, or {@code null} for no upper bound
     * @throws IllegalArgumentException if both bounds are set and {@code toExclusive < fromInclusive}
     */
    public KeyRange {
        if (fromInclusive != null && toExclusive != null && toExclusive.compareTo(fromInclusive) < 0) {
            throw new IllegalArgumentException(
                    "key range ends at " + toExclusive + " before it starts at " + fromInclusive);
        }
    }

    /**
     * The range with no bounds.
     *
     * @return a shared range containing every key
     */
    public static KeyRange all() {
        return ALL;
    }

    /**
     * The keys from a lower bound on, for example the rest of a scan that stopped after a key.
     *
     * @param from the smallest key in the range
     * @return the range {@code [from, ∞)}
     */
    public static KeyRange from(RecordKey from) {
        return new KeyRange(Objects.requireNonNull(from, "from"), null);
    }

    /**
     * The keys between two bounds.
     *
     * @param from the smallest key in the range
     * @param to   the first key past the range, not before {@code from}
     * @return the range {@code [from, to)}, empty when the two are equal
     * @throws IllegalArgumentException if {@code to < from}
     */
    public static KeyRange between(RecordKey from, RecordKey to) {
        return new KeyRange(Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"));
    }

    /**
     * Whether a key lies in this range, by the unsigned byte order of {@link RecordKey#compareTo}.
     *
     * @param key the key to test
     * @return true when {@code key} is at or after the lower bound and before the upper bound
     */
    public boolean contains(RecordKey key) {
        return (fromInclusive == null || key.compareTo(fromInclusive) >= 0)
                && (toExclusive == null || key.compareTo(toExclusive) < 0);
    }
}
