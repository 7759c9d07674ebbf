package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/** Every argument of every read, rejected before the store is touched; writes are in {@link BadWriteTests}. */
abstract class BadInputTests extends TckGroup {
    static final String TOO_LONG = "n".repeat(257);
    static final String CONTROL = "bad\u0001name";
    static final Class<NullPointerException> NPE = NullPointerException.class;
    static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;

    record Case(String name, Class<? extends RuntimeException> expected, Executable call) {
    }

    /** One dynamic test per case on a populated store, each checking the exception and that nothing changed. */
    final Stream<DynamicTest> run(List<Case> cases) {
        Population.populate(store());
        StoreState before = state();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name() + " -> " + c.expected().getSimpleName(), () -> {
            RuntimeException e = assertThrows(c.expected(), c.call());
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "the exception should say what is wrong");
            assertEquals(before, state(), "a rejected call changed the store");
        }));
    }

    static void consume(Stream<?> stream) {
        try (stream) {
            stream.count();
        }
    }

    @TestFactory
    @DisplayName("journal reads reject null, empty, negative and oversized arguments")
    Stream<DynamicTest> journalReads() {
        Store st = store();
        StreamId s = Population.PARTLY_TRUNCATED;
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("journalHead(null)", NPE, () -> st.journalHead(null)));
        cases.add(new Case("readJournal(null, 1, 10, 10)", NPE, () -> st.readJournal(null, 1, 10, 10)));
        cases.add(new Case("readJournal(s, 0, 10, 10)", IAE, () -> st.readJournal(s, 0, 10, 10)));
        cases.add(new Case("readJournal(s, -1, 10, 10)", IAE, () -> st.readJournal(s, -1, 10, 10)));
        cases.add(new Case("readJournal(s, 1, -1, 10)", IAE, () -> st.readJournal(s, 1, -1, 10)));
        cases.add(new Case("readJournal(s, 1, 10, -1)", IAE, () -> st.readJournal(s, 1, 10, -1)));
        cases.add(new Case("readJournal(s, Long.MIN_VALUE, 10, 10)", IAE, () -> st.readJournal(s, Long.MIN_VALUE, 10, 10)));
        cases.add(new Case("readJournal(null, 1)", NPE, () -> st.readJournal(null, 1)));
        cases.add(new Case("readJournal(s, 0)", IAE, () -> st.readJournal(s, 0)));
        prefixCases(cases, "listStreams", st::listStreams);
        return run(cases);
    }

    @TestFactory
    @DisplayName("snapshot reads reject null, empty, oversized and malformed keys and prefixes")
    Stream<DynamicTest> snapshotReads() {
        Store st = store();
        List<Case> cases = new ArrayList<>();
        nameCases(cases, "loadSnapshot", st::loadSnapshot);
        prefixCases(cases, "listSnapshots", st::listSnapshots);
        return run(cases);
    }

    @TestFactory
    @DisplayName("record reads reject null, empty, oversized and malformed namespaces, null keys and ranges, negative limits")
    Stream<DynamicTest> recordReads() {
        Store st = store();
        RecordKey k = RecordKey.of("k1");
        List<Case> cases = new ArrayList<>();
        nameCases(cases, "getRecord(_, k)", ns -> st.getRecord(ns, k));
        cases.add(new Case("getRecord(ns, null)", NPE, () -> st.getRecord("pop/ns/one", null)));
        nameCases(cases, "scanRecords(_, all, 10)", ns -> consume(st.scanRecords(ns, KeyRange.all(), 10)));
        nameCases(cases, "scanRecords(_)", ns -> consume(st.scanRecords(ns)));
        cases.add(new Case("scanRecords(ns, null, 10)", NPE, () -> st.scanRecords("pop/ns/one", null, 10)));
        cases.add(new Case("scanRecords(ns, all, -1)", IAE, () -> st.scanRecords("pop/ns/one", KeyRange.all(), -1)));
        prefixCases(cases, "listNamespaces", st::listNamespaces);
        return run(cases);
    }

    @TestFactory
    @DisplayName("fence reads reject null, empty, oversized and malformed names and prefixes")
    Stream<DynamicTest> fenceReads() {
        Store st = store();
        List<Case> cases = new ArrayList<>();
        nameCases(cases, "readFence", st::readFence);
        prefixCases(cases, "listFences", st::listFences);
        return run(cases);
    }

    interface NameCall {
        void call(String name) throws Throwable;
    }

    static void nameCases(List<Case> cases, String method, NameCall call) {
        cases.add(new Case(method + " with null", NPE, () -> call.call(null)));
        cases.add(new Case(method + " with \"\"", IAE, () -> call.call("")));
        cases.add(new Case(method + " with 257 chars", IAE, () -> call.call(TOO_LONG)));
        cases.add(new Case(method + " with a control character", IAE, () -> call.call(CONTROL)));
    }

    static void prefixCases(List<Case> cases, String method, NameCall call) {
        cases.add(new Case(method + "(null)", NPE, () -> call.call(null)));
        cases.add(new Case(method + " with a 257-char prefix", IAE, () -> call.call(TOO_LONG)));
        cases.add(new Case(method + " with a control character", IAE, () -> call.call(CONTROL)));
    }
}
