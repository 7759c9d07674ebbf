package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.CorruptStoreException;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.Snapshot;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.tck.ForwardingStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreVerifierTest {
    private Steadfast steadfast;
    private Store store;

    @BeforeEach
    void populate() {
        steadfast = Steadfast.open("memory:");
        store = steadfast.store();
        Fixtures.populate(store);
    }

    @AfterEach
    void close() {
        steadfast.close();
    }

    /** The store with the journal entries at {@code hidden} sequences left out of every read. */
    private Store hiding(long... hidden) {
        return new ForwardingStore(store) {
            @Override
            public Stream<Entry> readJournal(StreamId stream, long from, long to, int max) {
                return super.readJournal(stream, from, to, max)
                        .filter(e -> java.util.Arrays.stream(hidden).noneMatch(h -> h == e.sequence()));
            }
        };
    }

    @Test
    void aHealthyStoreHasNoFault() {
        Verification v = new StoreVerifier(store).verify();

        assertEquals(List.of(), v.faults());
        assertEquals(10, v.entries());
        assertEquals(2, v.records());
    }

    @Test
    void aGapInAJournalIsReportedWithTheMissingSequence() {
        Verification v = new StoreVerifier(hiding(5)).verify();

        assertEquals(List.of(new Verification.Fault("journal 'orders/7' sequence 5",
                "missing: sequence 4 is followed by 6")), v.faults());
    }

    @Test
    void aMissingTailIsReportedUpToTheHead() {
        Verification v = new StoreVerifier(hiding(9, 10)).verify();

        assertEquals(List.of(new Verification.Fault("journal 'orders/7' sequences 9..10",
                "missing: the last retained entry is 8 but the head is 10")), v.faults());
    }

    @Test
    void verifyCommandReportsTheFaultLocationAndExitsOne() {
        StringWriter out = new StringWriter();

        int code = VerifyCommand.report(new StoreVerifier(hiding(3, 4)).verify(), new PrintWriter(out, true));

        assertEquals(ExitCodes.CHECK_FAILED, code);
        assertTrue(out.toString().startsWith("FAULT: 1 fault(s)"), out::toString);
        assertTrue(out.toString().contains("journal 'orders/7' sequences 3..4: missing: sequence 2 is followed by 5"),
                out::toString);
    }

    @Test
    void aTruncatedPrefixIsLegal() {
        assertTrue(store.apply(WriteBatch.builder().truncate(Fixtures.ORDERS, 4).build()).isCommitted());

        Verification v = new StoreVerifier(store).verify();

        assertEquals(List.of(), v.faults());
        assertEquals(6, v.entries());
    }

    @Test
    void aSnapshotCoveringMoreThanItsJournalHeadIsAFault() {
        Store lying = new ForwardingStore(store) {
            @Override
            public Optional<Snapshot> loadSnapshot(String key) {
                return Optional.of(new Snapshot(key, 12, new byte[0]));
            }
        };

        Verification v = new StoreVerifier(lying).verify();

        assertEquals(List.of(new Verification.Fault("snapshot 'orders/7'",
                "covers sequence 12 but journal 'orders/7' ends at 10")), v.faults());
    }

    @Test
    void aReadThatFailsIsAFaultAtTheSequenceWhereItFailedAndTheWalkGoesOn() {
        Store corrupt = new ForwardingStore(store) {
            @Override
            public Stream<Entry> readJournal(StreamId stream, long from, long to, int max) {
                return super.readJournal(stream, from, to, max).peek(e -> {
                    if (e.sequence() == 7) {
                        throw new CorruptStoreException("segment 2 seal does not verify");
                    }
                });
            }
        };

        Verification v = new StoreVerifier(corrupt).verify();

        assertEquals(List.of(new Verification.Fault("journal 'orders/7' after sequence 6",
                "read failed: CorruptStoreException: segment 2 seal does not verify")), v.faults());
        assertEquals(2, v.records(), "the records were still read after the journal fault");
    }
}
