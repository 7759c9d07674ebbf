package dev.steadfast.spi;

import java.util.Objects;

/**
 * A journal was not at the head the writer expected: someone else appended first.
 *
 * @param stream       the journal
 * @param expectedHead the head the writer expected
 * @param foundHead    the head the store holds
 */
public record SequenceConflict(StreamId stream, long expectedHead, long foundHead) implements Conflict {
    /**
     * Builds the conflict a store reports.
     *
     * @param stream       the journal
     * @param expectedHead the head the writer expected
     * @param foundHead    the head the store holds
     * @throws NullPointerException if {@code stream} is null
     */
    public SequenceConflict {
        Objects.requireNonNull(stream, "stream");
    }

    @Override
    public String message() {
        return "journal '" + stream + "' is at sequence " + foundHead + ", this writer expected " + expectedHead;
    }
}
