package dev.steadfast.jdbc;

import dev.steadfast.spi.Names;
import dev.steadfast.spi.WriteBatch;
import java.util.List;
import java.util.Objects;

/** Argument checks done before any state is touched. */
final class Validation {
    private Validation() {
    }

    static void batches(List<WriteBatch> batches, int maxPayloadBytes) {
        Objects.requireNonNull(batches, "batches");
        for (WriteBatch b : batches) {
            batch(b, maxPayloadBytes);
        }
    }

    static void batch(WriteBatch batch, int max) {
        Objects.requireNonNull(batch, "batch").requirePayloadsAtMost(max);
    }

    static String prefix(String what, String prefix) {
        return Names.requirePrefix(what, prefix);
    }

    static void nonNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, was " + value);
        }
    }
}
