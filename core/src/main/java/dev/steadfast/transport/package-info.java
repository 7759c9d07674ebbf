/**
 * Transports that live in the core: {@code inproc:}, an in-process network for tests and single-JVM demos whose
 * delays, drops, duplicates, reorderings and partitions are injected and driven by a {@link dev.steadfast.spi.Clock}
 * (a {@code ManualClock} makes a scenario deterministic). See {@link dev.steadfast.transport.InprocNetwork}.
 */
package dev.steadfast.transport;
