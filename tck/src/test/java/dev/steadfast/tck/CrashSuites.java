package dev.steadfast.tck;

import dev.steadfast.spi.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * A correct store in a subdirectory whose name the join picks in memory, as a PostgreSQL join picks a schema:
     * the child reopens it only if {@link #childProperties} hands the name over.
     */
    static class NamedInMemory extends StoreCrashTck {
        private static final String PROPERTY = "steadfast.selftest.crash.name";
        private static final Map<Path, String> NAMES = new ConcurrentHashMap<>();

        @Override
        protected Store openStore(Path dir) {
            Path store = dir.resolve(name(dir));
            try {
                Files.createDirectories(store);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return LogFileStore.open(store, true);
        }

        @Override
        protected Map<String, String> childProperties(Path dir) {
            return Map.of(PROPERTY, name(dir));
        }

        @Override
        protected int kills() {
            return 2;
        }

        private static String name(Path dir) {
            String given = System.getProperty(PROPERTY);
            return given != null ? given : NAMES.computeIfAbsent(dir, d -> "store-" + UUID.randomUUID());
        }
    }

    /** The same join forgetting to hand the name over: the child writes to a store of its own. */
    static class NamedInMemoryNotHandedOver extends NamedInMemory {
        @Override
        protected Map<String, String> childProperties(Path dir) {
            return Map.of();
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
