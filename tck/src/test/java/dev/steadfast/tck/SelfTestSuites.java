package dev.steadfast.tck;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kit run against the correct {@link ReferenceStore} and against each of {@link BrokenStores}. Not named like a
 * test, so Surefire does not run them directly: {@link TckSelfTest} runs them and checks which tests fail.
 */
final class SelfTestSuites {
    private SelfTestSuites() {
    }

    /** Shared by the suites: light load, the self-test only needs the logic to run. */
    abstract static class Light extends StoreTck {
        @Override
        protected double scale() {
            return 0.02;
        }
    }

    static class Correct extends Light {
        @Override
        protected Store openStore(Path dir) {
            return ReferenceStore.open(dir);
        }
    }

    static class IgnoresGuards extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenStores.IgnoresGuards(ReferenceStore.open(dir));
        }
    }

    static class HeadFromLastEntry extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenStores.HeadFromLastEntry(ReferenceStore.open(dir));
        }
    }

    static class SignedScan extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenStores.SignedScan(ReferenceStore.open(dir));
        }
    }

    static class NotAtomic extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenStores.NotAtomic(ReferenceStore.open(dir));
        }
    }

    static class FenceWithoutCompare extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenStores.FenceWithoutCompare(ReferenceStore.open(dir));
        }
    }

    static class VagueMessages extends Light {
        @Override
        protected Store openStore(Path dir) {
            return dev.steadfast.tck.VagueMessages.wrap(ReferenceStore.open(dir));
        }
    }

    static class IgnoresClose extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenStores.IgnoresClose(ReferenceStore.open(dir));
        }
    }

    static class UnenforcedLimit extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenStores.UnenforcedLimit(ReferenceStore.open(dir));
        }
    }

    /** Claims to be durable and shared, but every open starts empty. */
    static class ForgetsOnReopen extends Light {
        @Override
        protected Store openStore(Path dir) {
            return ReferenceStore.fresh();
        }
    }

    /** A correct store that keeps every default method of {@link Store}, {@code applyAll} too, as the SPI invites. */
    static class KeepsDefaultApplyAll extends Light {
        @Override
        protected Store openStore(Path dir) {
            return DefaultMethods.over(ReferenceStore.open(dir));
        }
    }

    /** Every handle's close fails after releasing it; records which handles were closed. */
    static class CloseThrows extends Light {
        static final Set<Store> OPENED = ConcurrentHashMap.newKeySet();
        static final Set<Store> CLOSED = ConcurrentHashMap.newKeySet();

        @Override
        protected Store openStore(Path dir) {
            Store handle = new ForwardingStore(ReferenceStore.open(dir)) {
                @Override
                public void close() {
                    super.close();
                    CLOSED.add(this);
                    throw new StoreIOException("close failed on purpose");
                }
            };
            OPENED.add(handle);
            return handle;
        }
    }

    static class LoneAppendsFirst extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenGroups.LoneAppendsFirst(ReferenceStore.open(dir));
        }
    }

    static class AppendsOnlyInGroups extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenGroups.AppendsOnlyInGroups(ReferenceStore.open(dir));
        }
    }

    static class FirstGuardOfFenceChange extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenGroups.FirstGuardOfFenceChange(ReferenceStore.open(dir));
        }
    }

    static class KeepsRemovalsInTheHandle extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenHandles.KeepsRemovalsInTheHandle(ReferenceStore.open(dir));
        }
    }

    static class CachesSingleReads extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenHandles.CachesSingleReads(ReferenceStore.open(dir));
        }
    }

    static class LikePatterns extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenNames.LikePatterns(ReferenceStore.open(dir));
        }
    }

    static class FoldsCase extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenNames.FoldsCase(ReferenceStore.open(dir));
        }
    }

    static class PausesMidBatch extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new dev.steadfast.tck.PausesMidBatch(ReferenceStore.open(dir));
        }
    }

    /** Declares itself encrypted but logs every payload to a file in the clear. */
    static class WritesPayloadsInTheClear extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new ForwardingStore(ReferenceStore.open(dir)) {
                @Override
                public WriteResult apply(WriteBatch batch) {
                    for (WriteOp op : batch.operations()) {
                        if (op instanceof WriteOp.Append a) {
                            a.payloads().forEach(p -> log(dir, p));
                        }
                    }
                    return super.apply(batch);
                }
            };
        }

        private static void log(Path dir, byte[] payload) {
            try {
                Files.write(dir.resolve("payloads.log"), payload, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Shows {@code password=} of its URI in its location. */
    static class LocationWithPassword extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenPromises.PrintsItsUri(ReferenceStore.open(dir),
                    "simple://db.example:5432/app?user=svc&password=hunter2&schema=tck");
        }
    }

    /** Shows key material the join names as a secret in its location. */
    static class LocationWithKeyMaterial extends Light {
        static final String KEY = "AQIDBAUGBwgJCgsMDQ4PEA";

        @Override
        protected Store openStore(Path dir) {
            return new BrokenPromises.PrintsItsUri(ReferenceStore.open(dir), "simple:" + dir + "?key=" + KEY);
        }

        @Override
        protected java.util.Collection<String> secrets(Path dir) {
            return java.util.List.of(KEY);
        }
    }

    /** Encrypted in name only: snapshot payloads sit in files without authentication. */
    static class TrustsItsFiles extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenPromises.TrustsItsFiles(ReferenceStore.open(dir), dir);
        }
    }

    static class FailsOnInterrupt extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenFaults.FailsOnInterrupt(ReferenceStore.open(dir));
        }
    }

    static class BrokenByInterrupt extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenFaults.BrokenByInterrupt(ReferenceStore.open(dir));
        }
    }

    static class SwallowsFailedCommits extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenFaults.SwallowsFailedCommits(ReferenceStore.open(dir));
        }
    }

    static class RetriesUncertainCommits extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenFaults.RetriesUncertainCommits(ReferenceStore.open(dir));
        }
    }

    static class PartialResultsOnFault extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenFaults.PartialResultsOnFault(ReferenceStore.open(dir));
        }
    }

    static class SpaceCallsIgnoreClose extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenClosing.SpaceCallsIgnoreClose(ReferenceStore.open(dir));
        }
    }

    static class EmptyApplyAllIgnoresClose extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenClosing.EmptyApplyAllIgnoresClose(ReferenceStore.open(dir));
        }
    }

    static class EmptyReadsIgnoreClose extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenClosing.EmptyReadsIgnoreClose(ReferenceStore.open(dir));
        }
    }

    static class OffsetPaging extends Light {
        @Override
        protected Store openStore(Path dir) {
            return new BrokenStores.OffsetPaging(ReferenceStore.open(dir));
        }
    }
}
