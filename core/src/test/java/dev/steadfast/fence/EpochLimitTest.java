package dev.steadfast.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.session.DurableSessions;
import dev.steadfast.session.PersistenceProfile;
import dev.steadfast.session.SessionOptions;
import dev.steadfast.session.Sessions;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The top of the epoch range: never claimed, and reaching it is a clear error rather than an overflow. */
class EpochLimitTest {
    private static final String SOURCE = "dev.steadfast.testing.Backends#all";
    private static final long TOP = Long.MAX_VALUE - 1;

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void longMaxValueIsNeverGrantedSoEveryNextEpochStaysExact(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Fences fences = new Fences(store);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fences.requestTakeover(
                    "orders", "a", Long.MAX_VALUE, fences.tokenFor("orders", "a", Long.MAX_VALUE)));
            assertTrue(e.getMessage().contains("fence 'orders'") && e.getMessage().contains("at most " + TOP)
                    && e.getMessage().contains("was " + Long.MAX_VALUE), e.getMessage());
            assertEquals(List.of(), store.listFences(""));

            assertEquals(TOP, fences.requestTakeover("orders", "a", TOP, fences.tokenFor("orders", "a", TOP))
                    .orElseThrow().epoch());
            IllegalStateException top = assertThrows(IllegalStateException.class, () -> fences.claimNext("orders", "b"));
            assertTrue(top.getMessage().contains("fence 'orders' is at epoch " + TOP)
                    && top.getMessage().contains("cannot be taken over"), top.getMessage());
            assertEquals("a", fences.current("orders").orElseThrow().owner());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aFenceStoredAtTheVeryTopIsReportedNotOverflowed(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            // Written under the SPI directly, as an older release of this library could have.
            store.apply(WriteBatch.of(new WriteOp.SetFence(new Fence("job", "old", Long.MAX_VALUE, "", 0), 0)));
            Fences fences = new Fences(store);
            Leases leases = new Leases(store, new ManualClock(0));

            assertThrows(IllegalStateException.class, () -> fences.claimNext("job", "b"));
            assertThrows(IllegalStateException.class, () -> fences.nextEpoch("job"));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> leases.acquire("job", "b", Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("the highest there is"), e.getMessage());
            assertEquals("old", store.readFence("job").orElseThrow().owner());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void sessionsRefuseTheTopEpochAndSayWhenTheyCannotBeTakenOver(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            DurableSessions<Long, Long> sessions = new Sessions(store, new ManualClock())
                    .counters(SessionOptions.of(new PersistenceProfile.JournalOnly()));
            String max = sessions.tokenFor("s1", "a", Long.MAX_VALUE);
            assertThrows(IllegalArgumentException.class, () -> sessions.requestTakeover("s1", "a", Long.MAX_VALUE, max));
            sessions.requestTakeover("s1", "a", TOP, sessions.tokenFor("s1", "a", TOP)).orElseThrow();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> sessions.takeOver("s1", "b"));
            assertTrue(e.getMessage().contains("cannot be taken over"), e.getMessage());
        }
    }
}
