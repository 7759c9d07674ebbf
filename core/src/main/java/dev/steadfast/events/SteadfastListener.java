package dev.steadfast.events;

/**
 * Receives what Steadfast does, as it happens: register one with {@code Steadfast.builder().listener(...)} or
 * {@code SteadfastModule.withListener(...)}; the metrics binding in {@code steadfast-micrometer} is one.
 *
 * <p>Called synchronously on the thread doing the work (a group commit's leader, a takeover's caller), so an
 * implementation must be quick, thread-safe and must not call back into the store. An exception it throws is
 * logged and dropped: a listener never fails or changes a write. Without a listener no event is even built.
 */
@FunctionalInterface
public interface SteadfastListener {

    /**
     * Told of one event; see {@link SteadfastEvent} for the kinds.
     *
     * @param event what happened; called on the thread that did it, so return quickly and do not throw
     */
    void onEvent(SteadfastEvent event);
}
