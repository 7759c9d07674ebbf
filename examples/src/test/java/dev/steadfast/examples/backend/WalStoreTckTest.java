package dev.steadfast.examples.backend;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.tck.StoreTck;
import java.nio.file.Path;

/** The tutorial backend against the whole conformance kit: this is the whole join. */
class WalStoreTckTest extends StoreTck {
    @Override
    protected Store openStore(Path dir) {
        return new WalStoreProvider().open(StoreSpec.parse("wal:" + dir.resolve("tck.wal")));
    }

    @Override
    protected double scale() {
        return 0.02; // every commit forces the log to disk
    }
}
