package dev.steadfast.tck;

import dev.steadfast.spi.Store;
import java.nio.file.Path;

/** The kill -9 kit against {@link LogFileStore}, correct and broken; run by {@link TckSelfTest}, not by Surefire. */
final class CrashSuites {
    private CrashSuites() {
    }

    static class SyncsEachCommit extends StoreCrashTck {
        @Override
        protected Store openStore(Path dir) {
            return LogFileStore.open(dir, true);
        }
    }

    static class WritesOnlyOnClose extends StoreCrashTck {
        @Override
        protected Store openStore(Path dir) {
            return LogFileStore.open(dir, false);
        }
    }

    /** The same broken store, through the store kit: it survives close and reopen, so durability tests pass. */
    static class WritesOnlyOnCloseInTheStoreKit extends SelfTestSuites.Light {
        @Override
        protected Store openStore(Path dir) {
            return LogFileStore.open(dir, false);
        }
    }
}
