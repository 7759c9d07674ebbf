package dev.steadfast.backend.sqlite;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.tck.StoreCrashTck;
import java.nio.file.Path;

/** The kit's kill -9 test against {@code sqlite:} with its durable defaults (WAL, synchronous=FULL). */
class SqliteStoreCrashTckTest extends StoreCrashTck {
    @Override
    protected Store openStore(Path dir) {
        return new SqliteStoreProvider().open(StoreSpec.parse("sqlite:" + dir.resolve("tck.db")));
    }
}
