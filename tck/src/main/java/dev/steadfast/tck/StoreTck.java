package dev.steadfast.tck;

import dev.steadfast.spi.Store;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The conformance kit for {@link Store} implementations: every behaviour the SPI promises, as JUnit 5 tests.
 *
 * <p>A backend joins by extending this class in its tests and saying how to open a store:
 *
 * <pre>{@code
 * class SqliteStoreTckTest extends StoreTck {
 *     @Override protected Store openStore(Path dir) {
 *         return new SqliteStoreProvider().open(StoreSpec.parse("sqlite:" + dir.resolve("tck.db")));
 *     }
 * }
 * }</pre>
 *
 * <p>The tests are grouped by feature in {@link Nested} classes that JUnit discovers through the subclass. Each test
 * gets a fresh temporary directory. Optional capabilities ({@link dev.steadfast.spi.StoreDescriptor#durable()},
 * {@link dev.steadfast.spi.StoreDescriptor#sharedAcrossProcesses()}) are read from the store's descriptor; their
 * tests are skipped with a reason when the store does not declare them.
 */
public abstract class StoreTck {

    /** For subclasses. */
    protected StoreTck() {
    }

    /**
     * Opens the store under test.
     *
     * <p>Called once per test with a fresh empty directory, and again with the same directory: after
     * {@code close()} to check durability (durable stores only), and without closing the first handle to check
     * that two handles share one store (stores that are {@linkplain
     * dev.steadfast.spi.StoreDescriptor#sharedAcrossProcesses() shared across processes} only). A volatile store
     * may ignore {@code dir} and return a fresh empty store each time.
     *
     * @param dir a directory the store may keep its files in; deleted after the test
     * @return an open store; the kit closes it
     */
    protected abstract Store openStore(Path dir);

    /**
     * How heavy the load tests are, as a factor on their default sizes (for example 8 threads x 5,000 appends).
     *
     * <p>A store that syncs to disk on every commit may return a smaller factor (0.05 turns 5,000 appends per
     * thread into 250) to keep its build fast; every test still runs at least a few iterations. The system property
     * {@code steadfast.tck.scale} multiplies this factor, to run heavier by hand.
     *
     * @return a factor above 0; 1 by default
     */
    protected double scale() {
        return 1.0;
    }

    /**
     * Whether a second {@link #openStore} of the same directory, made while the first handle is open, shares that
     * handle's state and guards, so that the two-handle tests run. By default a store shared across processes
     * does; a store held by one process at a time but shared by the handles of that process (an embedded database
     * file) returns true to be held to the same tests.
     *
     * @param store the first handle
     * @return true to run the two-handle tests; {@link dev.steadfast.spi.StoreDescriptor#sharedAcrossProcesses()}
     *         by default
     */
    protected boolean handlesShareState(Store store) {
        return store.descriptor().sharedAcrossProcesses();
    }

    /**
     * Secrets this join put into the store's configuration (a password in its URI, key material in a keyset file
     * under {@code dir}), which must never show in {@link dev.steadfast.spi.StoreDescriptor#location()}. The kit
     * checks the location for secret-looking options ({@code password=}, {@code token=}, ...) and for
     * {@code user:password@} by itself; this names the rest. Called after the store was opened in {@code dir}.
     *
     * @param dir the directory the store under test was opened in
     * @return the secret strings; none by default
     */
    protected Collection<String> secrets(Path dir) {
        return List.of();
    }

    final int scaled(int base) {
        double factor = scale() * Double.parseDouble(System.getProperty("steadfast.tck.scale", "1"));
        if (!(factor > 0)) {
            throw new IllegalStateException("scale must be above 0, was " + factor);
        }
        return (int) Math.max(3, Math.min(Integer.MAX_VALUE, Math.round(base * factor)));
    }

    @Nested
    @DisplayName("Journal: appends, range reads, truncation and listing")
    class Journal extends JournalTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Guards: a batch writes everything or nothing")
    class Guards extends GuardTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Snapshots: put, replace, delete, list")
    class Snapshots extends SnapshotTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Records: get, put, remove, unsigned scans, namespaces")
    class Records extends RecordTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Fences: compare-and-set creation, renewal and takeover")
    class Fences extends FenceTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("applyAll: many independent batches in one call")
    class ApplyAll extends ApplyAllTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Concurrency: racing writers lose nothing and never share an epoch")
    class Concurrency extends ConcurrencyTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Durability: committed state survives close and reopen")
    class Durability extends DurabilityTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Two handles: a second open of the same store shares its state and guards")
    class TwoHandles extends TwoHandleTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Bad input: rejected before anything is touched")
    class BadInput extends BadWriteTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Closed store: refuses every call but close and descriptor")
    class ClosedStore extends ClosedStoreTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Payloads: from 0 bytes to the declared maximum")
    class Payloads extends PayloadTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Special names: wildcard, escape and non-ASCII characters match literally")
    class SpecialNames extends SpecialNameTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Atomic visibility: concurrent readers see a batch whole or not at all")
    class Visibility extends VisibilityTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Model: random batch sequences match a reference model")
    class Model extends ModelTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Space: giving freed space back keeps every state")
    class Space extends SpaceTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Encryption: nothing stored is readable in the store's files")
    class Encryption extends EncryptionTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Descriptor: a printable location that holds no secret")
    class Descriptor extends DescriptorTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Tampering: a changed byte in an encrypted store's files is refused, never read back")
    class Tampering extends TamperTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Interrupted commits: a writer told committed finds it there; a store that cannot tell throws")
    class InterruptedCommits extends InterruptedCommitTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Interrupted callers: a caller's interrupt fails at most its own call, never the store")
    class InterruptedCallers extends InterruptedCallerTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }

    @Nested
    @DisplayName("Open reads: a lazy read stays contiguous while truncations and appends commit")
    class OpenReads extends OpenReadTests {
        @Override
        StoreTck tck() {
            return StoreTck.this;
        }
    }
}
