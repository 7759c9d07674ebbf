package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steadfast.spi.Store;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill -9 part of the conformance kit, for durable stores whose files a second JVM can open: a child JVM
 * commits batches of every kind of change and is killed with {@code SIGKILL} mid-write, a few times over on the same
 * store; after each kill the store must hold exactly the state after the last step the child was told committed,
 * or after a step or two more that were in flight (committed, not yet acknowledged) — never less, never half a
 * batch. A backend joins it beside {@link StoreTck}:
 *
 * <pre>{@code
 * class SqliteStoreCrashTckTest extends StoreCrashTck {
 *     @Override protected Store openStore(Path dir) {
 *         return new SqliteStoreProvider().open(StoreSpec.parse("sqlite:" + dir.resolve("tck.db")));
 *     }
 * }
 * }</pre>
 *
 * <p>The child JVM runs with this JVM's class path and creates the join class with its no-argument constructor
 * (it may be package-private) to call {@link #openStore}, so {@code openStore} must open the same store from the
 * same directory in any process. What is not in the directory (a server's address, the schema a join chose for
 * the directory) the join hands over in {@link #childProperties}, which the child JVM gets as system properties.
 */
public abstract class StoreCrashTck {
    private static final int TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    /** For subclasses. */
    protected StoreCrashTck() {
    }

    /**
     * Opens the store under test in {@code dir}, in this JVM or in the child; called again after each kill.
     *
     * @param dir the store's directory, the same in every call of one test
     * @return an open store; the kit closes it
     */
    protected abstract Store openStore(Path dir);

    /**
     * System properties for the child JVM, read by {@link #openStore} there to reopen the store this JVM opens for
     * {@code dir}: a server's address, a schema name the join keeps in memory. They are on the child's command
     * line, so they must hold no secret.
     *
     * @param dir the store's directory, as given to {@link #openStore}
     * @return property names and values; none by default
     */
    protected Map<String, String> childProperties(Path dir) {
        return Map.of();
    }

    /**
     * How many times a child is started and killed; each costs a JVM start. The system property {@code
     * steadfast.tck.kills} overrides it.
     *
     * @return at least 1; 3 by default
     */
    protected int kills() {
        return 3;
    }

    @Test
    @DisplayName("after kill -9 mid-write, every acknowledged batch of every kind is there, and no half batch")
    void acknowledgedWritesSurviveKillNine() throws Exception {
        int kills = Integer.getInteger("steadfast.tck.kills", kills());
        Random random = new Random(9);
        Store model = ReferenceStore.fresh();
        long modelStep = 0;
        long done = 0;
        for (int round = 1; round <= kills; round++) {
            int killAfter = 2 + random.nextInt(15);
            long acknowledged;
            try (KilledChild child = KilledChild.start(childProperties(dir), CrashWriter.class,
                    getClass().getName(), dir.toString(), Long.toString(done + 1))) {
                acknowledged = child.killAfter(killAfter, TIMEOUT_SECONDS);
            }
            assertTrue(acknowledged >= done + killAfter, "round " + round + ": acknowledged " + acknowledged);
            StoreState found;
            try (Store store = openStore(dir)) {
                found = StoreState.of(store);
            }
            while (modelStep < acknowledged) {
                model.apply(CrashSteps.batch(++modelStep));
            }
            StoreState atAcknowledged = StoreState.of(model);
            // The child may have committed up to two more steps (one applyAll) before it could print them.
            while (!found.equals(StoreState.of(model)) && modelStep < acknowledged + 2) {
                model.apply(CrashSteps.batch(++modelStep));
            }
            if (!found.equals(StoreState.of(model))) {
                fail("kill -9 " + round + " of " + kills + ": the child was told steps 1 to " + acknowledged
                        + " committed, but the reopened store holds the state after none of steps " + acknowledged
                        + " to " + (acknowledged + 2) + "; expected at least " + atAcknowledged + " but found "
                        + found);
            }
            done = modelStep;
        }
        assertEquals(done, model.journalHead(CrashSteps.JOURNAL));
    }
}
