/**
 * The conformance kit for Steadfast stores.
 *
 * <p>{@link dev.steadfast.tck.StoreTck} holds every behaviour the store SPI promises as JUnit 5 tests, grouped by
 * feature; a backend's test extends it and supplies {@code openStore(dir)}. {@link dev.steadfast.tck.ForwardingStore}
 * is a base for tests that need to inject a fault into a real store.
 */
package dev.steadfast.tck;
