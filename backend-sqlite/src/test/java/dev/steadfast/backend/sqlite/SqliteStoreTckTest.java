package dev.steadfast.backend.sqlite;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.tck.StoreTck;
import java.nio.file.Path;

/** The whole conformance kit against {@code sqlite:} with its durable defaults (WAL, synchronous=FULL). */
class SqliteStoreTckTest extends StoreTck {
    @Override
    protected Store openStore(Path dir) {
        return new SqliteStoreProvider().open(StoreSpec.parse("sqlite:" + dir.resolve("tck.db")));
    }

    /** Every commit is an fsync; a fifth of the default load still races 8 threads on one file. */
    @Override
    protected double scale() {
        return 0.2;
    }
}
