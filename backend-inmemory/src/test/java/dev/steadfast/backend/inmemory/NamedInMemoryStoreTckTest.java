package dev.steadfast.backend.inmemory;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.tck.StoreTck;
import java.nio.file.Path;

/**
 * The kit against {@code memory:name} handles, one name per test directory. The handles are declared shared so
 * that the kit's two-handle group runs: within one JVM, that is exactly what a named in-memory store promises.
 */
class NamedInMemoryStoreTckTest extends StoreTck {
    @Override
    protected Store openStore(Path dir) {
        Store store = new InMemoryStoreProvider().open(StoreSpec.parse("memory:tck" + dir.toAbsolutePath()));
        return new ForwardingStore(store) {
            @Override
            public StoreDescriptor descriptor() {
                StoreDescriptor d = super.descriptor();
                return new StoreDescriptor(d.scheme(), d.location(), d.durable(), true, d.encrypted(),
                        d.maxPayloadBytes());
            }
        };
    }
}
