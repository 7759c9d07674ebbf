/**
 * Data lifecycle over the store SPI: moving every kind of state from one store to another
 * ({@link dev.steadfast.lifecycle.StoreCopy}) and comparing two stores by content
 * ({@link dev.steadfast.lifecycle.StoreDigest}). Works on any pair of backends because it uses only
 * {@link dev.steadfast.spi.Store}'s read API and guarded write batches.
 */
package dev.steadfast.lifecycle;
