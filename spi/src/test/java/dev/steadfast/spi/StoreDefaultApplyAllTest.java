package dev.steadfast.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The defaults of {@link Store}: {@code applyAll} checks every batch before the first one is applied, and the
 * defaults that touch no state ({@code applyAll} of no batches, {@code storageBytes}, {@code reclaimSpace}) still
 * refuse a closed store.
 */
class StoreDefaultApplyAllTest {
    private static final int MAX = StoreDescriptor.MIN_MAX_PAYLOAD_BYTES;
    private static final StreamId STREAM = StreamId.of("default/s");

    private final List<WriteBatch> applied = new ArrayList<>();
    /** How many batches {@code apply} commits before it refuses one as busy; none by default. */
    private int busyAt = -1;
    private boolean closed;
    /** How many batches {@code apply} commits before the store is closed under it (a racing close); never by default. */
    private int closedAt = -1;

    /** A store that keeps every default method and records the batches {@code apply} received. */
    private Store keepingDefaults() {
        StoreDescriptor descriptor = new StoreDescriptor("test", "here", true, false, false, MAX);
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "descriptor" -> descriptor;
            case "journalHead" -> {
                if (closed) {
                    throw new StoreClosedException("here");
                }
                yield 0L;
            }
            case "apply" -> {
                if (applied.size() == busyAt) {
                    throw new StoreBusyException("held by another writer; nothing was written", null);
                }
                if (applied.size() == closedAt) {
                    closed = true;
                }
                if (closed) {
                    throw new StoreClosedException("here");
                }
                applied.add((WriteBatch) args[0]);
                yield WriteResult.committed();
            }
            default -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args)
                    : failUnsupported(method.getName());
        };
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class}, handler);
    }

    private static Object failUnsupported(String method) {
        throw new UnsupportedOperationException(method);
    }

    private static WriteBatch append(long head, int size) {
        return WriteBatch.builder().append(STREAM, head, new byte[size]).build();
    }

    @Test
    void anOversizedPayloadInALaterBatchIsRejectedBeforeAnyBatchIsApplied() {
        Store store = keepingDefaults();
        List<WriteBatch> batches = List.of(append(0, 1), append(1, MAX),
                WriteBatch.builder().putSnapshot("default/snap", 1, new byte[MAX + 1]).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.applyAll(batches));
        assertTrue(e.getMessage().contains("default/snap") && e.getMessage().contains(Integer.toString(MAX + 1)),
                e.getMessage());
        assertEquals(List.of(), applied, "no batch may be applied when a later one is invalid");
    }

    @Test
    void aNullBatchIsRejectedBeforeAnyBatchIsApplied() {
        Store store = keepingDefaults();
        assertThrows(NullPointerException.class, () -> store.applyAll(Arrays.asList(append(0, 1), null)));
        assertEquals(List.of(), applied);
    }

    @Test
    void validBatchesAreAppliedInOrderWithOneResultEach() {
        Store store = keepingDefaults();
        List<WriteBatch> batches = List.of(append(0, 1), append(1, MAX));
        assertEquals(List.of(WriteResult.committed(), WriteResult.committed()), store.applyAll(batches));
        assertEquals(batches, applied);
        assertEquals(List.of(), store.applyAll(List.of()));
    }

    @Test
    void aBusyFirstBatchStaysABusyFaultButABusyLaterOneDoesNotForTheEarlierOnesCommitted() {
        Store store = keepingDefaults();
        busyAt = 0;
        assertThrows(StoreBusyException.class, () -> store.applyAll(List.of(append(0, 1), append(1, 1))));
        assertEquals(List.of(), applied);

        busyAt = 1;
        // A busy fault promises nothing was written; here the first batch was, so the call's outcome is unknown.
        WriteOutcomeUnknownException e = assertThrows(WriteOutcomeUnknownException.class,
                () -> store.applyAll(List.of(append(0, 1), append(1, 1))));
        assertInstanceOf(StoreBusyException.class, e.getCause());
        assertTrue(e.getMessage().contains("batch 2 of 2"), e.getMessage());
        assertEquals(1, applied.size());
    }

    @Test
    void aStoreClosedBeforeTheFirstBatchStaysClosedButOneClosedAfterABatchCommittedLeavesTheOutcomeUnknown() {
        Store store = keepingDefaults();
        closedAt = 0;
        assertThrows(StoreClosedException.class, () -> store.applyAll(List.of(append(0, 1), append(1, 1))));
        assertEquals(List.of(), applied);

        closed = false;
        closedAt = 1;
        // Group commit reads a closed store as one that wrote nothing; here the first batch was written.
        WriteOutcomeUnknownException e = assertThrows(WriteOutcomeUnknownException.class,
                () -> store.applyAll(List.of(append(0, 1), append(1, 1))));
        assertInstanceOf(StoreClosedException.class, e.getCause());
        assertTrue(e.getMessage().contains("batch 2 of 2"), e.getMessage());
        assertEquals(1, applied.size());
    }

    @Test
    void defaultsThatTouchNoStateStillRefuseAClosedStore() {
        Store store = keepingDefaults();
        assertEquals(OptionalLong.empty(), store.storageBytes());
        store.reclaimSpace();
        closed = true;
        assertThrows(StoreClosedException.class, () -> store.applyAll(List.of()));
        assertThrows(StoreClosedException.class, store::storageBytes);
        assertThrows(StoreClosedException.class, store::reclaimSpace);
        assertEquals(List.of(), applied);
    }
}
