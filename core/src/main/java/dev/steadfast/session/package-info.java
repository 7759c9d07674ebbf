/**
 * Durable sessions: event-sourced state that survives its process and is handed over safely.
 *
 * <p>A {@link dev.steadfast.session.DurableSession} folds events into state with a reducer and persists them
 * according to its {@link dev.steadfast.session.PersistenceProfile}. Every write is one atomic batch guarded by the
 * owner's fence epoch, so an owner that was taken over cannot change anything, even if it still holds the session
 * object. Start with {@link dev.steadfast.session.Sessions} (built from a store and a clock) or
 * {@link dev.steadfast.session.DurableSessions} for one session type.
 */
package dev.steadfast.session;
