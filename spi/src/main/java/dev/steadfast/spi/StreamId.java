package dev.steadfast.spi;

/**
 * Identifies one journal: an append-only stream of entries numbered 1, 2, 3, ... without gaps.
 *
 * @param value the stream's name; follows the rules of {@link Names}
 */
public record StreamId(String value) implements Comparable<StreamId> {
    /**
     * Checks the name, so that every stream id a store sees is one it can index and print.
     *
     * @param value the stream's name
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if it is not a valid {@linkplain Names name}
     */
    public StreamId {
        Names.require("stream id", value);
    }

    /**
     * Shorthand for {@code new StreamId(value)}.
     *
     * @param value the stream's name, a valid {@link Names name}
     * @return the id
     * @throws IllegalArgumentException if {@code value} is not a valid name
     */
    public static StreamId of(String value) {
        return new StreamId(value);
    }

    /** Orders streams by {@link Names#CODE_POINT_ORDER}, the order of {@link Store#listStreams(String)}. */
    @Override
    public int compareTo(StreamId other) {
        return Names.CODE_POINT_ORDER.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
