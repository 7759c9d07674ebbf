package dev.steadfast.spi;

import java.util.function.LongSupplier;

/**
 * Where a backend reports its own mechanics (lock waits, reconnects, file rolls, compactions, bytes written, and
 * levels such as a write-ahead log's size), so that metrics can show them without the core or a metrics module
 * knowing any backend. Given to a store once through {@link Store#monitor}.
 *
 * <p>Implementations are quick, thread-safe and never throw: a store calls {@link #onEvent} on the thread doing
 * the work, often while holding its write lock, and must not be slowed or failed by it.
 */
public interface StoreMonitor {

    /**
     * Told of one event, on the thread that did the work; see {@link StoreEvent} for the kinds.
     *
     * @param event what happened; never null
     */
    void onEvent(StoreEvent event);

    /**
     * Offers a level the store can read at any moment. {@code reading} may be called from any thread at any time
     * until the store is closed (and may then answer anything); it must be cheap and must not block on writers.
     *
     * @param gauge   which level {@code reading} measures
     * @param reading reads the level's current value
     */
    void gauge(StoreGauge gauge, LongSupplier reading);
}
