package dev.steadfast.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.GroupCommitSettings;
import dev.steadfast.Steadfast;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.SequenceConflict;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoreIOException;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.tck.ForwardingStore;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.Stores;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WriteEventsTest {
    private static final StreamId STREAM = StreamId.of("orders");

    static WriteBatch append(long expectedHead) {
        return WriteBatch.of(new WriteOp.Append(STREAM, expectedHead, List.of(new byte[] {1, 2, 3})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void eachBatchReportsCommittedSequenceConflictOrFencedOutAndEachStoreCallAGroup(Backend backend,
                                                                                    @TempDir Path dir) {
        RecordingListener listener = new RecordingListener();
        try (Steadfast steadfast = Steadfast.builder().listener(listener).wrap(backend.open(dir))) {
            Store store = steadfast.store();
            assertTrue(store.apply(append(0)).isCommitted());
            assertInstanceOf(SequenceConflict.class, store.apply(append(0)));
            WriteBatch guarded = new WriteBatch(List.of(new Guard.FenceAt("no-such-fence", 3)),
                    List.of(new WriteOp.Append(STREAM, 1, List.of(new byte[] {4}))));
            WriteResult fenced = store.apply(guarded);
            assertEquals(false, fenced.isCommitted());
        }
        assertEquals(List.of(WriteOutcome.COMMITTED, WriteOutcome.SEQUENCE_CONFLICT, WriteOutcome.FENCED_OUT),
                listener.outcomes());
        List<SteadfastEvent.GroupCommitted> groups = listener.of(SteadfastEvent.GroupCommitted.class);
        assertEquals(3, groups.size());
        groups.forEach(g -> {
            assertEquals(1, g.batches());
            assertEquals(false, g.failed());
            assertTrue(g.nanos() >= 0, () -> "negative store call time " + g);
        });
    }

    @Test
    void storeFaultIsReportedAsAFailedGroupAndAFaultyBatchWithAndWithoutGroupCommit() {
        for (GroupCommitSettings settings : List.of(GroupCommitSettings.defaults(), GroupCommitSettings.disabled())) {
            RecordingListener listener = new RecordingListener();
            Store failing = new ForwardingStore(Stores.open("memory:")) {
                @Override
                public WriteResult apply(WriteBatch batch) {
                    throw new StoreIOException("disk gone");
                }
            };
            try (Steadfast steadfast = Steadfast.builder().groupCommit(settings).listener(listener).wrap(failing)) {
                assertThrows(StoreIOException.class, () -> steadfast.store().apply(append(0)));
            }
            assertEquals(List.of(WriteOutcome.FAULT), listener.outcomes(), settings.toString());
            assertEquals(true, listener.of(SteadfastEvent.GroupCommitted.class).get(0).failed());
        }
    }

    @Test
    void aThrowingListenerNeverFailsTheWrite() {
        SteadfastListener broken = event -> {
            throw new IllegalStateException("listener bug");
        };
        try (Steadfast steadfast = Steadfast.builder().listener(broken).open("memory:")) {
            assertTrue(steadfast.store().apply(append(0)).isCommitted());
            assertEquals(1, steadfast.store().journalHead(STREAM));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void aListenerThatThrowsAnErrorStrandsNoWriterAndTheWriteStaysCommitted(Backend backend, @TempDir Path dir)
            throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        SteadfastListener broken = event -> {
            if (failing.get() && event instanceof SteadfastEvent.BatchWritten) {
                throw new AssertionError("listener bug");
            }
        };
        try (Steadfast steadfast = Steadfast.builder().listener(broken).wrap(backend.open(dir))) {
            Store store = steadfast.store();
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                Future<WriteResult> write = writer.submit(() -> store.apply(append(0)));
                // The listener's Error reaches the thread it was thrown on, as without group commit, but only
                // once the write has its outcome: the writer must come back, not park for good.
                ExecutionException e = assertThrows(ExecutionException.class, () -> write.get(20, TimeUnit.SECONDS));
                assertEquals("listener bug", e.getCause().getMessage());
                assertEquals(1, store.journalHead(STREAM));
                failing.set(false);
                Future<WriteResult> next = writer.submit(() -> store.apply(append(1)));
                assertTrue(next.get(20, TimeUnit.SECONDS).isCommitted());
            } finally {
                writer.shutdownNow();
            }
        }
    }
}
