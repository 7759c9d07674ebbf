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
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/** Every argument of every read, rejected before the store is touched; writes are in {@link BadWriteTests}. */
abstract class BadInputTests extends TckGroup {
    static final String TOO_LONG = "n".repeat(257);
    static final String CONTROL = "bad\u0001name";
    /** How a message may name the control character of {@link #CONTROL}. */
    static final String CONTROL_NAMED = "U+0001|\\u0001|control";
    static final Class<NullPointerException> NPE = NullPointerException.class;
    static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;

    /**
     * A bad call, the exception it must throw and what its message must name: each of {@code mentions} (the
     * argument, the bad value, the limit) must appear in it, ignoring case; {@code "a|b"} accepts either.
     */
    record Case(String name, Class<? extends RuntimeException> expected, List<String> mentions, Executable call) {
    }

    static Case npe(String name, Executable call, String... mentions) {
        return new Case(name, NPE, List.of(mentions), call);
    }

    static Case iae(String name, Executable call, String... mentions) {
        return new Case(name, IAE, List.of(mentions), call);
    }

    /** One dynamic test per case on a populated store, each checking the exception and that nothing changed. */
    final Stream<DynamicTest> run(List<Case> cases) {
        Population.populate(store());
        StoreState before = state();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name() + " -> " + c.expected().getSimpleName(), () -> {
            RuntimeException e = assertThrows(c.expected(), c.call());
            assertNames(e, c.mentions());
            assertEquals(before, state(), "a rejected call changed the store");
        }));
    }

    /** Fails unless the message of {@code e} holds each of {@code mentions} (one of its {@code |} alternatives). */
    static void assertNames(RuntimeException e, List<String> mentions) {
        String message = e.getMessage();
        assertTrue(message != null && !message.isBlank(), "the exception should say what is wrong: " + e);
        String lower = message.toLowerCase(Locale.ROOT);
        for (String mention : mentions) {
            boolean named = Stream.of(mention.split("\\|")).anyMatch(m -> lower.contains(m.toLowerCase(Locale.ROOT)));
            assertTrue(named, "the message \"" + message + "\" should name " + mention.replace("|", " or "));
        }
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
        cases.add(npe("journalHead(null)", () -> st.journalHead(null), "stream"));
        cases.add(npe("readJournal(null, 1, 10, 10)", () -> st.readJournal(null, 1, 10, 10), "stream"));
        cases.add(iae("readJournal(s, 0, 10, 10)", () -> st.readJournal(s, 0, 10, 10), "fromSequence", "0"));
        cases.add(iae("readJournal(s, -1, 10, 10)", () -> st.readJournal(s, -1, 10, 10), "fromSequence", "-1"));
        cases.add(iae("readJournal(s, 1, -1, 10)", () -> st.readJournal(s, 1, -1, 10), "toSequence", "-1"));
        cases.add(iae("readJournal(s, 1, 10, -1)", () -> st.readJournal(s, 1, 10, -1), "maxEntries", "-1"));
        cases.add(iae("readJournal(s, Long.MIN_VALUE, 10, 10)", () -> st.readJournal(s, Long.MIN_VALUE, 10, 10),
                "fromSequence", String.valueOf(Long.MIN_VALUE)));
        cases.add(npe("readJournal(null, 1)", () -> st.readJournal(null, 1), "stream"));
        cases.add(iae("readJournal(s, 0)", () -> st.readJournal(s, 0), "fromSequence", "0"));
        prefixCases(cases, "listStreams", "stream", st::listStreams);
        return run(cases);
    }

    @TestFactory
    @DisplayName("snapshot reads reject null, empty, oversized and malformed keys and prefixes")
    Stream<DynamicTest> snapshotReads() {
        Store st = store();
        List<Case> cases = new ArrayList<>();
        nameCases(cases, "loadSnapshot", "snapshot", st::loadSnapshot);
        prefixCases(cases, "listSnapshots", "snapshot", st::listSnapshots);
        return run(cases);
    }

    @TestFactory
    @DisplayName("record reads reject null, empty, oversized and malformed namespaces, null keys and ranges, negative limits")
    Stream<DynamicTest> recordReads() {
        Store st = store();
        RecordKey k = RecordKey.of("k1");
        List<Case> cases = new ArrayList<>();
        nameCases(cases, "getRecord(_, k)", "namespace", ns -> st.getRecord(ns, k));
        cases.add(npe("getRecord(ns, null)", () -> st.getRecord("pop/ns/one", null), "key"));
        nameCases(cases, "scanRecords(_, all, 10)", "namespace", ns -> consume(st.scanRecords(ns, KeyRange.all(), 10)));
        nameCases(cases, "scanRecords(_)", "namespace", ns -> consume(st.scanRecords(ns)));
        cases.add(npe("scanRecords(ns, null, 10)", () -> st.scanRecords("pop/ns/one", null, 10), "range"));
        cases.add(iae("scanRecords(ns, all, -1)", () -> st.scanRecords("pop/ns/one", KeyRange.all(), -1), "limit", "-1"));
        prefixCases(cases, "listNamespaces", "namespace", st::listNamespaces);
        return run(cases);
    }

    @TestFactory
    @DisplayName("fence reads reject null, empty, oversized and malformed names and prefixes")
    Stream<DynamicTest> fenceReads() {
        Store st = store();
        List<Case> cases = new ArrayList<>();
        nameCases(cases, "readFence", "fence", st::readFence);
        prefixCases(cases, "listFences", "fence", st::listFences);
        return run(cases);
    }

    interface NameCall {
        void call(String name) throws Throwable;
    }

    /** A name argument: the message names its kind ({@code thing}) and what is wrong with the value. */
    static void nameCases(List<Case> cases, String method, String thing, NameCall call) {
        cases.add(npe(method + " with null", () -> call.call(null), thing));
        cases.add(iae(method + " with \"\"", () -> call.call(""), thing, "empty"));
        cases.add(iae(method + " with 257 chars", () -> call.call(TOO_LONG), thing, "257", "256"));
        cases.add(iae(method + " with a control character", () -> call.call(CONTROL), thing, CONTROL_NAMED));
    }

    /** A prefix argument: the message names it as the prefix of {@code thing} names. */
    static void prefixCases(List<Case> cases, String method, String thing, NameCall call) {
        cases.add(npe(method + "(null)", () -> call.call(null), thing, "prefix"));
        cases.add(iae(method + " with a 257-char prefix", () -> call.call(TOO_LONG), thing, "prefix", "257", "256"));
        cases.add(iae(method + " with a control character", () -> call.call(CONTROL),
                thing, "prefix", CONTROL_NAMED));
    }
}
