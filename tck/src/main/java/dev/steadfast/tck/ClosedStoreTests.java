package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Fence;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreClosedException;
import dev.steadfast.spi.StoreDescriptor;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

abstract class ClosedStoreTests extends TckGroup {
    private final StreamId s = stream("closed/s");

    private Map<String, Executable> everyMethod(Store st) {
        WriteBatch batch = WriteBatch.builder().append(s, 1, bytes("x")).build();
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("apply", () -> st.apply(batch));
        calls.put("applyAll", () -> st.applyAll(List.of(batch)));
        calls.put("journalHead", () -> st.journalHead(s));
        calls.put("readJournal", () -> consume(st.readJournal(s, 1, 10, 10)));
        calls.put("readJournal(from)", () -> consume(st.readJournal(s, 1)));
        calls.put("listStreams", () -> st.listStreams(""));
        calls.put("loadSnapshot", () -> st.loadSnapshot("closed/snap"));
        calls.put("listSnapshots", () -> st.listSnapshots(""));
        calls.put("getRecord", () -> st.getRecord("closed/ns", RecordKey.of("k")));
        calls.put("scanRecords", () -> consume(st.scanRecords("closed/ns", KeyRange.all(), 10)));
        calls.put("scanRecords(namespace)", () -> consume(st.scanRecords("closed/ns")));
        calls.put("listNamespaces", () -> st.listNamespaces(""));
        calls.put("readFence", () -> st.readFence("closed/f"));
        calls.put("listFences", () -> st.listFences(""));
        calls.put("storageBytes", st::storageBytes);
        calls.put("reclaimSpace", st::reclaimSpace);
        return calls;
    }

    /**
     * Calls whose answer is known without reading anything, which a backend may answer early: no batches, a
     * maximum or limit of 0, an empty range. Lazy reads among them are closed at once, so they must throw at the
     * call.
     */
    private Map<String, Executable> callsWithNothingToDo(Store st) {
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("applyAll(no batches)", () -> st.applyAll(List.of()));
        calls.put("readJournal(maxEntries 0)", () -> st.readJournal(s, 1, 10, 0).close());
        calls.put("readJournal(toSequence below fromSequence)", () -> st.readJournal(s, 2, 1, 10).close());
        calls.put("readJournal(toSequence 0)", () -> st.readJournal(s, 1, 0, 10).close());
        calls.put("scanRecords(limit 0)", () -> st.scanRecords("closed/ns", KeyRange.all(), 0).close());
        RecordKey k = RecordKey.of("k");
        calls.put("scanRecords(empty range)", () -> st.scanRecords("closed/ns", KeyRange.between(k, k), 10).close());
        return calls;
    }

    private static void consume(Stream<?> stream) {
        try (stream) {
            stream.count();
        }
    }

    private Store closedStore() {
        Store st = closedStoreContents();
        st.close();
        return st;
    }

    /** The store of this test holding a journal entry, a snapshot, a record and a fence. */
    private Store closedStoreContents() {
        Store st = store();
        append(s, 0, "1");
        commit(WriteBatch.builder().putSnapshot("closed/snap", 1, bytes("x"))
                .putRecord("closed/ns", RecordKey.of("k"), bytes("v"))
                .setFence(new Fence("closed/f", "o", 1, "", 0), 0).build());
        return st;
    }

    @TestFactory
    @DisplayName("every method but close and descriptor throws StoreClosedException after close")
    Stream<DynamicTest> everyMethodThrows() {
        return eachThrowsClosed(everyMethod(closedStore()));
    }

    private static Stream<DynamicTest> eachThrowsClosed(Map<String, Executable> calls) {
        return calls.entrySet().stream().map(call -> DynamicTest.dynamicTest(
                call.getKey() + " throws StoreClosedException",
                () -> assertThrows(StoreClosedException.class, call.getValue())));
    }

    /**
     * A backend that answers a call with nothing to do before it checks that it is open (an empty
     * {@code applyAll}, a read of at most 0 entries) would tell a caller of a closed store "done, nothing there".
     */
    @TestFactory
    @DisplayName("calls with nothing to do (no batches, a maximum of 0, an empty range) throw after close too")
    Stream<DynamicTest> callsWithNothingToDoThrow() {
        return eachThrowsClosed(callsWithNothingToDo(closedStore()));
    }

    @Test
    @DisplayName("lazy reads of a closed store throw at the call, not only once the stream is consumed")
    void lazyReadsThrowAtTheCall() {
        Store st = closedStore();
        assertThrows(StoreClosedException.class, () -> st.readJournal(s, 1, 10, 10).close());
        assertThrows(StoreClosedException.class, () -> st.readJournal(s, 1).close());
        assertThrows(StoreClosedException.class, () -> st.scanRecords("closed/ns", KeyRange.all(), 10).close());
        assertThrows(StoreClosedException.class, () -> st.scanRecords("closed/ns").close());
    }

    /**
     * A read begun before close races with it: the rest of its stream is read correctly or refused with
     * {@link StoreClosedException}, never failed with another fault (a cursor on a connection the close shut).
     */
    @Test
    @DisplayName("a stream opened before close reads on correctly or throws StoreClosedException")
    void streamOpenedBeforeCloseCompletesOrThrowsClosed() {
        appendNumbered(s, 3);
        Store st = store();
        try (Stream<Entry> entries = st.readJournal(s, 1)) {
            Iterator<Entry> it = entries.iterator();
            assertEquals(1, it.next().sequence());
            st.close();
            List<Long> rest = new ArrayList<>();
            try {
                it.forEachRemaining(e -> rest.add(e.sequence()));
                assertEquals(List.of(2L, 3L), rest, "the rest of a read that went on after close");
            } catch (StoreClosedException refused) {
                // the store refused the rest of the read: allowed
            }
        }
    }

    @Test
    @DisplayName("close is idempotent and descriptor still answers after close")
    void closeIsIdempotent() {
        Store st = store();
        StoreDescriptor before = st.descriptor();
        st.close();
        st.close();
        assertEquals(before, st.descriptor());
        st.close();
    }

    @Test
    @DisplayName("a closed store refuses a batch whose guard would fail with StoreClosedException, not a conflict")
    void closedRefusesConflictingBatch() {
        Store st = closedStore();
        assertThrows(StoreClosedException.class,
                () -> st.apply(WriteBatch.builder().guardFence("closed/f", 9).build()));
    }

    @Test
    @DisplayName("calls racing with close either complete or throw StoreClosedException; calls begun after it throw")
    void callsRacingWithClose() throws Exception {
        Store st = closedStoreContents();
        CountDownLatch callsMade = new CountDownLatch(3);
        AtomicBoolean closed = new AtomicBoolean();
        Threads.run(4, t -> {
            if (t == 0) {
                callsMade.await();
                st.close();
                closed.set(true);
                return;
            }
            for (int i = 0; ; i++) {
                boolean afterClose = closed.get();
                try {
                    switch ((t + i) % 4) {
                        case 0 -> st.apply(WriteBatch.builder()
                                .putRecord("closed/ns", RecordKey.of("k" + t), bytes(Integer.toString(i))).build());
                        case 1 -> consume(st.readJournal(s, 1, 10, 10));
                        case 2 -> consume(st.scanRecords("closed/ns"));
                        default -> st.readFence("closed/f");
                    }
                } catch (StoreClosedException e) {
                    return;
                }
                assertFalse(afterClose, "a call begun after close completed instead of throwing StoreClosedException");
                if (i == 20) {
                    callsMade.countDown();
                }
            }
        });
    }
}
