package dev.steadfast.backend.sqlite;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreSpec;
import dev.steadfast.tck.StoreTck;
import java.nio.file.Path;

/** The whole conformance kit against an {@code h2:} file store (row locks instead of one serialised writer). */
class H2StoreTckTest extends StoreTck {
    @Override
    protected Store openStore(Path dir) {
        return new H2StoreProvider().open(StoreSpec.parse("h2:" + dir.resolve("tck")));
    }

    /**
     * An H2 file belongs to one process, but the stores opened on it in that process share it (one writer lock,
     * one database): the two-handle tests hold them to that.
     */
    @Override
    protected boolean handlesShareState(Store store) {
        return true;
    }

    /** Every H2 commit writes a new chunk to the file (WRITE_DELAY=0); a tenth of the load keeps the build fast. */
    @Override
    protected double scale() {
        return 0.1;
    }
}
