package dev.steadfast.pipeline;

/** Where a {@link Stage} puts its output: the stage's idempotent sink in the store. */
@FunctionalInterface
public interface Emitter {

    /**
     * Emits {@code value} under {@code key}. Output becomes durable with the stage's next checkpoint, in the same
     * batch; emitting a key again (a replay after a crash) replaces it, so each key is output exactly once. The
     * next stage reads the output in key order.
     *
     * @param key         the output's identity, {@code >= 0} and below {@link Long#MAX_VALUE}
     * @param eventTimeMs its event time, {@code >= 0}
     * @param value       its bytes (handed over, not copied)
     */
    void emit(long key, long eventTimeMs, byte[] value);
}
