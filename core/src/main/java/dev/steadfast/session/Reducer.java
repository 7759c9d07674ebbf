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
    /** The state after {@code event}; must not change {@code state} in place. */
    S apply(S state, E event);
}
