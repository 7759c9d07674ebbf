package dev.steadfast.internal;

import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import java.util.List;
import java.util.Objects;

/**
 * Checks a batch against the store's payload limit before it joins a group, so that one caller's oversized
 * payload is that caller's {@link IllegalArgumentException} and never fails the other batches of its group.
 */
final class PayloadLimit {
    private PayloadLimit() {
    }

    /** @return the batch's payload bytes */
    static long check(WriteBatch batch, int maxPayloadBytes, String location) {
        Objects.requireNonNull(batch, "batch");
        for (WriteOp op : batch.operations()) {
            if (op instanceof WriteOp.Append a) {
                List<byte[]> payloads = a.payloads();
                for (int i = 0; i < payloads.size(); i++) {
                    require(payloads.get(i).length, maxPayloadBytes, location,
                            () -> "payload of append to journal '" + a.stream() + "'");
                }
            } else if (op instanceof WriteOp.PutSnapshot s) {
                require(s.snapshot().payload().length, maxPayloadBytes, location,
                        () -> "payload of snapshot '" + s.snapshot().key() + "'");
            } else if (op instanceof WriteOp.PutRecord r) {
                require(r.value().length, maxPayloadBytes, location,
                        () -> "value of record " + r.key() + " in namespace '" + r.namespace() + "'");
            }
        }
        return batch.payloadBytes();
    }

    private static void require(int length, int max, String location, java.util.function.Supplier<String> what) {
        if (length > max) {
            throw new IllegalArgumentException(what.get() + " is " + length + " bytes, store " + location
                    + " accepts at most " + max);
        }
    }
}
