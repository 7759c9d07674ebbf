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
 */
public record StoreDescriptor(String scheme, String location, boolean durable, boolean sharedAcrossProcesses,
                              boolean encrypted, int maxPayloadBytes) {
    /** The least {@link #maxPayloadBytes()} a store may declare. */
    public static final int MIN_MAX_PAYLOAD_BYTES = 1 << 20;

    /** @throws IllegalArgumentException if {@code maxPayloadBytes} is below 1 MiB */
    public StoreDescriptor {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(location, "location");
        if (maxPayloadBytes < MIN_MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException(
                    "a store must accept payloads of at least 1 MiB, this one declares " + maxPayloadBytes);
        }
    }
}
