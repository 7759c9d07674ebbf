package dev.steadfast.spi;

import java.util.Objects;

/**
 * What a store is and what it promises, so that the core, the conformance kit and tools can adapt to it.
 *
 * @param scheme                the URI scheme it was opened with, for example {@code sqlite}
 * @param location              where it lives, printable (never holds a secret)
 * @param durable               a committed batch survives close, a killed process and a power loss
 * @param sharedAcrossProcesses several processes may open the same store at once, with guards holding across them
 * @param encrypted             nothing stored is readable without the key, and tampering is detected
 * @param maxPayloadBytes       the largest single payload, snapshot or record value accepted, at least 1 MiB
 * @param validatesBeforeWriting {@link Store#applyAll} checks every batch of a call before it writes any of them,
 *                              so an {@link IllegalArgumentException} or {@link NullPointerException} from it means
 *                              that none of the call's batches was written. Group commit relies on this to retry
 *                              the other writers of a refused group on their own; a store that does not declare it
 *                              gets such a refusal reported to the whole group as a
 *                              {@link WriteOutcomeUnknownException}, because a store that validates batch by batch
 *                              may already have written the batches before the refused one
 * @param crashLossWindowMillis how much a killed process ({@code kill -9}) may take with it: batches acknowledged
 *                              within this many milliseconds before the kill may be missing when the store is
 *                              reopened; 0 (the usual value) means a batch is out of the process before it is
 *                              acknowledged. Trades safety for speed, for example H2's {@code writeDelayMs}. A
 *                              {@link #durable()} store always declares 0. Says nothing about a store that ends
 *                              with its process (memory)
 * @param formatVersion         the version of the on-disk format the store is at (a schema or file format
 *                              version, for operators' logs and tools); 0 when the backend keeps no versioned format
 */
public record StoreDescriptor(String scheme, String location, boolean durable, boolean sharedAcrossProcesses,
                              boolean encrypted, int maxPayloadBytes, boolean validatesBeforeWriting,
                              long crashLossWindowMillis, int formatVersion) {
    /** The least {@link #maxPayloadBytes()} a store may declare. */
    public static final int MIN_MAX_PAYLOAD_BYTES = 1 << 20;

    /**
     * Checks that the promises are consistent with each other, so that no backend can declare what cannot hold.
     *
     * @param scheme                 the URI scheme the store was opened with
     * @param location               where it lives, printable, without secrets
     * @param durable                a committed batch survives close, a killed process and a power loss
     * @param sharedAcrossProcesses  several processes may open the store at once
     * @param encrypted              nothing stored is readable without the key, tampering is detected
     * @param maxPayloadBytes        the largest payload, snapshot or record value accepted, at least
     *                               {@link #MIN_MAX_PAYLOAD_BYTES}
     * @param validatesBeforeWriting {@link Store#applyAll} checks every batch before it writes any
     * @param crashLossWindowMillis  how many milliseconds of acknowledged batches a killed process may lose, 0 for a
     *                               durable store
     * @param formatVersion          the on-disk format version, 0 when the backend keeps none
     * @throws IllegalArgumentException if {@code maxPayloadBytes} is below 1 MiB, or {@code crashLossWindowMillis}
     *                                  is negative, or above 0 for a store that calls itself durable, or
     *                                  {@code formatVersion} is negative
     */
    public StoreDescriptor {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(location, "location");
        if (maxPayloadBytes < MIN_MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException(
                    "a store must accept payloads of at least 1 MiB, this one declares " + maxPayloadBytes);
        }
        if (crashLossWindowMillis < 0) {
            throw new IllegalArgumentException(
                    "crashLossWindowMillis must be >= 0, this store declares " + crashLossWindowMillis);
        }
        if (durable && crashLossWindowMillis > 0) {
            throw new IllegalArgumentException("a durable store loses no acknowledged batch to a killed process,"
                    + " this one declares crashLossWindowMillis " + crashLossWindowMillis);
        }
        if (formatVersion < 0) {
            throw new IllegalArgumentException("a store's format version must be >= 0, was " + formatVersion);
        }
    }

    /**
     * A descriptor that loses no acknowledged batch to a killed process ({@link #crashLossWindowMillis()} 0) and
     * keeps no versioned format ({@link #formatVersion()} 0).
     *
     * @param scheme                 the URI scheme the store was opened with
     * @param location               where it lives, printable, without secrets
     * @param durable                a committed batch survives close, a killed process and a power loss
     * @param sharedAcrossProcesses  several processes may open the store at once
     * @param encrypted              nothing stored is readable without the key, tampering is detected
     * @param maxPayloadBytes        the largest payload, snapshot or record value accepted
     * @param validatesBeforeWriting {@link Store#applyAll} checks every batch before it writes any
     * @throws IllegalArgumentException if {@code maxPayloadBytes} is below 1 MiB
     */
    public StoreDescriptor(String scheme, String location, boolean durable, boolean sharedAcrossProcesses,
                           boolean encrypted, int maxPayloadBytes, boolean validatesBeforeWriting) {
        this(scheme, location, durable, sharedAcrossProcesses, encrypted, maxPayloadBytes, validatesBeforeWriting,
                0, 0);
    }

    /**
     * A descriptor that does not promise {@link #validatesBeforeWriting()}: the safe assumption for a store
     * written before that capability existed.
     *
     * @param scheme                the URI scheme the store was opened with
     * @param location              where it lives, printable, without secrets
     * @param durable               a committed batch survives close, a killed process and a power loss
     * @param sharedAcrossProcesses several processes may open the store at once
     * @param encrypted             nothing stored is readable without the key, tampering is detected
     * @param maxPayloadBytes       the largest payload, snapshot or record value accepted
     * @throws IllegalArgumentException if {@code maxPayloadBytes} is below 1 MiB
     */
    public StoreDescriptor(String scheme, String location, boolean durable, boolean sharedAcrossProcesses,
                           boolean encrypted, int maxPayloadBytes) {
        this(scheme, location, durable, sharedAcrossProcesses, encrypted, maxPayloadBytes, false);
    }

    /**
     * This descriptor with {@link #validatesBeforeWriting()} replaced; a wrapper that adds its own checks uses it.
     *
     * @param value whether {@link Store#applyAll} checks every batch before it writes any
     * @return a new descriptor, equal to this one but for that field
     */
    public StoreDescriptor withValidatesBeforeWriting(boolean value) {
        return new StoreDescriptor(scheme, location, durable, sharedAcrossProcesses, encrypted, maxPayloadBytes,
                value, crashLossWindowMillis, formatVersion);
    }

    /**
     * This descriptor with {@link #crashLossWindowMillis()} replaced.
     *
     * @param value how many milliseconds of acknowledged batches a killed process may lose
     * @return a new descriptor, equal to this one but for that field
     * @throws IllegalArgumentException as the canonical constructor
     */
    public StoreDescriptor withCrashLossWindowMillis(long value) {
        return new StoreDescriptor(scheme, location, durable, sharedAcrossProcesses, encrypted, maxPayloadBytes,
                validatesBeforeWriting, value, formatVersion);
    }

    /**
     * This descriptor with {@link #formatVersion()} replaced.
     *
     * @param version the on-disk format version the store is at
     * @return a new descriptor, equal to this one but for that field
     * @throws IllegalArgumentException if {@code version} is below 0
     */
    public StoreDescriptor withFormatVersion(int version) {
        return new StoreDescriptor(scheme, location, durable, sharedAcrossProcesses, encrypted, maxPayloadBytes,
                validatesBeforeWriting, crashLossWindowMillis, version);
    }
}
