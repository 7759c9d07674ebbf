/**
 * The in-memory store, scheme {@code memory:}: the reference implementation of the store SPI. Open it through
 * {@link dev.steadfast.backend.inmemory.InMemoryStoreProvider} (found by {@link java.util.ServiceLoader}).
 */
package dev.steadfast.backend.inmemory;
