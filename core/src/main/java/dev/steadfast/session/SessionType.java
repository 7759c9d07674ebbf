package dev.steadfast.session;

import java.util.Objects;

/**
 * What a kind of session is: its initial state, its reducer and the codecs of its state and events.
 *
 * @param initialState the state of a new (or remounted) session
 * @param reducer      folds events into state
 * @param stateCodec   encodes snapshots of the state
 * @param eventCodec   encodes journaled events
 * @param <S>          the state type
 * @param <E>          the event type
 */
public record SessionType<S, E>(S initialState, Reducer<S, E> reducer, SessionCodec<S> stateCodec,
                                SessionCodec<E> eventCodec) {
    /**
     * Rejects nulls.
     *
     * @param initialState the state of a new (or remounted) session
     * @param reducer      folds events into state
     * @param stateCodec   encodes snapshots of the state
     * @param eventCodec   encodes journaled events
     */
    public SessionType {
        Objects.requireNonNull(initialState, "initialState");
        Objects.requireNonNull(reducer, "reducer");
        Objects.requireNonNull(stateCodec, "stateCodec");
        Objects.requireNonNull(eventCodec, "eventCodec");
    }
}
