package dev.steadfast.internal;

import dev.steadfast.GroupCommitSettings;
import dev.steadfast.Steadfast;
import dev.steadfast.spi.Store;
import dev.steadfast.tck.StoreTck;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance kit against {@code Steadfast.open("memory:").store()}: group commit in front of the
 * reference backend must keep every SPI promise, with groups of the default size, with tiny groups and with four groups in flight.
 */
class GroupCommitStoreTckTest extends StoreTck {
    @Override
    protected Store openStore(Path dir) {
        return Steadfast.open("memory:").store();
    }

    /** Groups of at most two batches and 64 bytes, so that bounds cut groups all the time. */
    @Nested
    class TinyGroups extends StoreTck {
        @Override
        protected Store openStore(Path dir) {
            return Steadfast.builder()
                    .groupCommit(GroupCommitSettings.defaults().withMaxBatches(2).withMaxBytes(64))
                    .open("memory:").store();
        }
    }

    /** Four groups in flight at once, in front of the memory backend, which serialises them itself. */
    @Nested
    class FourGroupsInFlight extends StoreTck {
        @Override
        protected Store openStore(Path dir) {
            return Steadfast.builder()
                    .groupCommit(GroupCommitSettings.defaults().withMaxGroupsInFlight(4))
                    .open("memory:").store();
        }
    }
}
