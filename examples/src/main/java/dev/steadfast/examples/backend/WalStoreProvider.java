package dev.steadfast.examples.backend;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Opens {@code wal:PATH} stores: a tiny backend written from scratch as a tutorial, one write-ahead log file per
 * store, for one process at a time. Found through {@code META-INF/services/dev.steadfast.spi.StoreProvider}.
 */
public final class WalStoreProvider implements StoreProvider {
    /** For {@link java.util.ServiceLoader}. */
    public WalStoreProvider() {
    }

    @Override
    public String scheme() {
        return "wal";
    }

    @Override
    public String description() {
        return "steadfast-examples: a TreeMap and a write-ahead log file (tutorial backend)";
    }

    @Override
    public Store open(StoreSpec spec) {
        spec.requireKnownOptions(Set.of());
        if (spec.location().isEmpty()) {
            throw new StoreConfigurationException("store " + spec + ": expected a file path after 'wal:', found none");
        }
        Path file = Path.of(spec.location());
        try {
            return new WalStore(file);
        } catch (IOException e) {
            throw new StoreIOException("wal store " + file + ": cannot open the log", e);
        }
    }
}
