package dev.steadfast.session;

/**
 * A ready session kind: a {@code long} counter whose events are deltas. The simplest useful
 * {@link DurableSession}, and the one the examples and the contention harness use.
 */
public final class CounterSession {
    /** State: the counter, starting at 0; events: deltas added to it. */
    public static final SessionType<Long, Long> TYPE =
            new SessionType<>(0L, Long::sum, SessionCodec.longs(), SessionCodec.longs());

    private CounterSession() {
    }

    /**
     * Adds {@code delta} to the counter of {@code session}, as one guarded write.
     *
     * @param session a live counter session
     * @param delta   added to the count; negative subtracts
     * @return acknowledged, or refused by the store with nothing changed
     */
    public static AppendResult appendCounterDelta(DurableSession<Long, Long> session, long delta) {
        return session.append(delta);
    }
}
