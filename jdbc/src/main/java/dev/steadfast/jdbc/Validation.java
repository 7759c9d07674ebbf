package dev.steadfast.jdbc;

import dev.steadfast.spi.Names;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
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
        Objects.requireNonNull(batch, "batch");
        for (WriteOp op : batch.operations()) {
            if (op instanceof WriteOp.Append a) {
                for (int i = 0; i < a.payloads().size(); i++) {
                    size(a.payloads().get(i).length, max, "payload " + i + " of append to '" + a.stream() + "'");
                }
            } else if (op instanceof WriteOp.PutSnapshot s) {
                size(s.snapshot().payload().length, max, "snapshot '" + s.snapshot().key() + "'");
            } else if (op instanceof WriteOp.PutRecord r) {
                size(r.value().length, max, "value of record " + r.key() + " in '" + r.namespace() + "'");
            }
        }
    }

    static String prefix(String what, String prefix) {
        return Names.requirePrefix(what, prefix);
    }

    static void nonNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, was " + value);
        }
    }

    private static void size(int length, int max, String what) {
        if (length > max) {
            throw new IllegalArgumentException(what + " is " + length + " bytes, this store accepts at most " + max);
        }
    }
}
