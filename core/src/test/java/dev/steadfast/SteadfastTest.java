package dev.steadfast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Clock;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteadfastTest {
    private static final StreamId STREAM = StreamId.of("orders");

    private static WriteBatch append(long head) {
        return WriteBatch.builder().append(STREAM, head, new byte[] {(byte) head}).build();
    }

    @Test
    void openingMemoryGivesAGroupCommittingStoreAndTheSystemClock() {
        try (Steadfast steadfast = Steadfast.open("memory:")) {
            assertEquals("memory", steadfast.descriptor().scheme());
            assertFalse(steadfast.descriptor().durable());
            assertSame(Clock.system(), steadfast.clock());

            assertEquals(WriteResult.committed(), steadfast.store().apply(append(0)));
            assertEquals(List.of(WriteResult.committed(), WriteResult.committed()),
                    steadfast.store().applyAll(List.of(append(1), append(2))));

            assertEquals(3, steadfast.store().journalHead(STREAM));
            assertEquals(new GroupCommitStats(2, 3, 2), steadfast.groupCommitStats());
        }
    }

    @Test
    void theBuildersClockIsTheOneHandedOut() {
        ManualClock clock = new ManualClock(1_000);
        try (Steadfast steadfast = Steadfast.builder().clock(clock).open("memory:")) {
            assertSame(clock, steadfast.clock());
        }
    }

    @Test
    void closingClosesTheStoreAndIsIdempotent() {
        Steadfast steadfast = Steadfast.open("memory:");
        steadfast.close();
        steadfast.close();

        assertThrows(StoreClosedException.class, () -> steadfast.store().apply(append(0)));
        assertThrows(StoreClosedException.class, () -> steadfast.store().journalHead(STREAM));
        assertEquals("memory", steadfast.descriptor().scheme());
    }

    @Test
    void aStoreGivenInCodeIsWrappedAndOwned() {
        FixtureStore custom = new FixtureStore("handmade");
        Steadfast steadfast = Steadfast.builder().wrap(custom);

        assertEquals(WriteResult.committed(), steadfast.store().apply(append(0)));
        assertEquals(1, custom.journalHead(STREAM));

        steadfast.close();
        assertTrue(custom.isClosed());
    }

    @Test
    void disabledGroupCommitSendsEachBatchOnItsOwn() {
        try (Steadfast steadfast = Steadfast.builder().groupCommit(GroupCommitSettings.disabled()).open("memory:")) {
            steadfast.store().apply(append(0));
            steadfast.store().apply(append(1));

            assertEquals(new GroupCommitStats(2, 2, 1), steadfast.groupCommitStats());
        }
    }

    @Test
    void namedMemoryStoresAreSharedBetweenHandlesThroughGroupCommit() {
        try (Steadfast a = Steadfast.open("memory:shared-core-test");
             Steadfast b = Steadfast.open("memory:shared-core-test")) {
            a.store().apply(append(0));

            assertEquals(1, b.store().journalHead(STREAM));
            assertTrue(a.toString().contains("shared-core-test"), a.toString());
        }
    }
}
