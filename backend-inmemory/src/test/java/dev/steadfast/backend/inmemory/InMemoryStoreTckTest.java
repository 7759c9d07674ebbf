package dev.steadfast.backend.inmemory;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.tck.StoreTck;
import java.nio.file.Path;

/** The in-memory store against the whole conformance kit. */
class InMemoryStoreTckTest extends StoreTck {
    @Override
    protected Store openStore(Path dir) {
        return new InMemoryStoreProvider().open(StoreSpec.parse("memory:"));
    }
}
