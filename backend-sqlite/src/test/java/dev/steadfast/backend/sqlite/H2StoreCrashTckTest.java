package dev.steadfast.backend.sqlite;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.tck.StoreCrashTck;
import java.nio.file.Path;

/**
 * The kit's kill -9 test against an {@code h2:} file store: H2 writes each commit to its file (WRITE_DELAY=0),
 * and the file lock a killed child held is released by the OS, so the parent reopens the same file.
 */
class H2StoreCrashTckTest extends StoreCrashTck {
    @Override
    protected Store openStore(Path dir) {
        return new H2StoreProvider().open(StoreSpec.parse("h2:" + dir.resolve("tck")));
    }
}
