package dev.steadfast.harness;

import dev.steadfast.spi.Store;

/**
 * One run of one scenario: the store, the names it may use (all under {@code prefix}, fresh per run), the
 * scheduler of its seed, its trace and its counters.
 */
record Run(Store store, String prefix, Scheduler scheduler, Trace trace, Tally tally) {
    /** The store name of {@code local}, a name relative to the run. */
    String name(String local) {
        return prefix + "/" + local;
    }
}
