/**
 * The contracts a Steadfast backend implements: one {@link dev.steadfast.spi.Store} holding four kinds of
 * state (journals, snapshots, records, fences) behind reads per kind and one atomic, guarded write path,
 * {@link dev.steadfast.spi.Store#apply(WriteBatch)}.
 *
 * <p>This package depends on the JDK only and holds no logic beyond argument validation. Values are records;
 * closed sets the library owns (operations, guards, results, conflicts) are sealed. Expected outcomes such as a
 * fence or sequence conflict are values ({@link dev.steadfast.spi.WriteResult}); faults are unchecked
 * {@link dev.steadfast.spi.StoreException}s.
 *
 * <p>Bad input is rejected before anything is written: {@code null} with a {@link NullPointerException},
 * an empty, negative or oversized argument with an {@link IllegalArgumentException}; both name the argument.
 */
package dev.steadfast.spi;
