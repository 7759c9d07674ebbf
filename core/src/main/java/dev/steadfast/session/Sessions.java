package dev.steadfast.session;

import dev.steadfast.fence.FenceTokens;
import dev.steadfast.internal.DefaultFenceTokens;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.Store;
import java.util.Objects;

/**
 * The session service of one store and clock: hands out {@link DurableSessions} for each kind of session. Built
 * from a plain {@link Store} and {@link Clock}, so it wires into any container in one line. Thread-safe.
 */
public final class Sessions {
    private final Store store;
    private final Clock clock;
    private final FenceTokens tokens;

    /**
     * Sessions over {@code store} timed by {@code clock}, with unkeyed fence tokens.
     * They are not secret, so a warning says so once per JVM; prefer the constructor taking
     * {@link FenceTokens#hmac(byte[]) keyed} tokens.
     *
     * @param store where sessions live
     * @param clock timestamps snapshots and entries
     */
    public Sessions(Store store, Clock clock) {
        this(store, clock, DefaultFenceTokens.unkeyed("new Sessions(store, clock)"));
    }

    /**
     * Sessions over {@code store} timed by {@code clock}, with the given fence tokens.
     *
     * @param store  where sessions live
     * @param clock  timestamps snapshots and entries
     * @param tokens the scheme every owner over this store uses, usually {@link FenceTokens#hmac(byte[])}
     */
    public Sessions(Store store, Clock clock, FenceTokens tokens) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * Sessions of one type over this store, clock and tokens.
     *
     * @param type    the state, the events, the reducer and both codecs
     * @param options how they are persisted
     * @param <S>     the state type
     * @param <E>     the event type
     * @return sessions of {@code type} persisted with {@code options}
     */
    public <S, E> DurableSessions<S, E> of(SessionType<S, E> type, SessionOptions options) {
        return new DurableSessions<>(store, clock, type, options, tokens);
    }

    /**
     * Counter sessions: a {@code long} state that each {@code long} event is added to.
     *
     * @param options how they are persisted
     * @return counter sessions ({@link CounterSession}) persisted with {@code options}
     */
    public DurableSessions<Long, Long> counters(SessionOptions options) {
        return of(CounterSession.TYPE, options);
    }
}
