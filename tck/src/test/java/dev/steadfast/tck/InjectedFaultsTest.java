package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreBusyException;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOutcomeUnknownException;
import dev.steadfast.spi.WriteResult;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The group commits of {@link InjectedFaults}' stores keep {@link Store#applyAll}'s contract apart from the one
 * fault each injects: they are the broken stores a checker must catch for that fault, not for another.
 */
class InjectedFaultsTest {
    private static final StreamId S = StreamId.of("faults/s");
    private static final Map<String, UnaryOperator<Store>> FAULTS = Map.of(
            "ignoringFenceGuards", InjectedFaults::ignoringFenceGuards,
            "droppingAcknowledgedAppends", InjectedFaults::droppingAcknowledgedAppends,
            "leasesNeverExpiring", InjectedFaults::leasesNeverExpiring);

    /** Refuses the {@code busyAt}-th batch it is given (from 0) as busy, writing nothing of it. */
    private static Store busyAt(int busyAt) {
        return new ForwardingStore(ReferenceStore.fresh()) {
            private int batches;

            @Override
            public WriteResult apply(WriteBatch batch) {
                if (batches++ == busyAt) {
                    throw new StoreBusyException("held by another writer; nothing of this batch was written", null);
                }
                return super.apply(batch);
            }
        };
    }

    private static List<WriteBatch> twoAppends(int secondSize) {
        return List.of(WriteBatch.builder().append(S, 0, new byte[1]).build(),
                WriteBatch.builder().append(S, 1, new byte[secondSize]).build());
    }

    @Test
    void aBusyRefusalAfterABatchCommittedIsAnUnknownOutcome() {
        FAULTS.forEach((name, fault) -> {
            Store store = fault.apply(busyAt(1));
            WriteOutcomeUnknownException e = assertThrows(WriteOutcomeUnknownException.class,
                    () -> store.applyAll(twoAppends(1)), name);
            assertInstanceOf(StoreBusyException.class, e.getCause(), name);
            assertEquals(1, store.journalHead(S), name + ": the first batch was written");
        });
    }

    @Test
    void aBusyRefusalOfTheFirstBatchStaysBusy() {
        FAULTS.forEach((name, fault) -> {
            Store store = fault.apply(busyAt(0));
            assertThrows(StoreBusyException.class, () -> store.applyAll(twoAppends(1)), name);
            assertEquals(0, store.journalHead(S), name);
        });
    }

    @Test
    void anOversizedLaterBatchIsRejectedBeforeAnyIsWritten() {
        FAULTS.forEach((name, fault) -> {
            Store store = fault.apply(ReferenceStore.fresh());
            assertThrows(IllegalArgumentException.class,
                    () -> store.applyAll(twoAppends(ReferenceStore.MAX_PAYLOAD + 1)), name);
            assertEquals(0, store.journalHead(S), name);
        });
    }

    @Test
    void aClosedStoreRefusesNoBatchesToo() {
        FAULTS.forEach((name, fault) -> {
            Store store = fault.apply(ReferenceStore.fresh());
            store.close();
            assertThrows(StoreClosedException.class, () -> store.applyAll(List.of()), name);
        });
    }
}
