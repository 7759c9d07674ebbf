package dev.steadfast.session;

/**
 * Folds one event into a session's state. Must be pure and deterministic: recovery replays the same events and
 * must reach the same state.
 *
 * @param <S> the state type
 * @param <E> the event type
 */
@FunctionalInterface
public interface Reducer<S, E> {
    /**
     * Folds one event into the state. Recovery replays events through it, so it must be deterministic: the same
     * state and event always give the same result.
     *
     * @param state the state before; must not be changed in place
     * @param event the event
     * @return the state after {@code event}
     */
    S apply(S state, E event);
}
