package dev.steadfast.tck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Writes rejected before anything of them (or of their applyAll call) is written. */
abstract class BadWriteTests extends BadInputTests {
    /** Above this a store's maximum payload is too big to allocate in a test. */
    static final int TESTABLE_MAX = 256 << 20;

    @TestFactory
    @DisplayName("apply and applyAll reject null batches and payloads above the maximum, writing nothing")
    Stream<DynamicTest> badWrites() {
        Store st = store();
        int max = st.descriptor().maxPayloadBytes();
        assumeTrue(max < TESTABLE_MAX, "the store's maximum payload of " + max + " bytes is too big to test");
        StreamId s = Population.PARTLY_TRUNCATED;
        byte[] over = new byte[max + 1];
        WriteBatch valid = WriteBatch.builder().append(s, 5, bytes("ok")).putSnapshot("bad/snap", 1, bytes("x")).build();
        WriteBatch bigEntry = WriteBatch.builder().putRecord("bad/ns", RecordKey.of("k"), bytes("v"))
                .append(s, 5, bytes("ok"), over).build();
        WriteBatch bigSnapshot = WriteBatch.builder().append(s, 5, bytes("ok")).putSnapshot("bad/snap", 1, over).build();
        WriteBatch bigRecord = WriteBatch.builder().append(s, 5, bytes("ok"))
                .putRecord("bad/ns", RecordKey.of("k"), over).build();
        List<Case> cases = new ArrayList<>();
        String found = String.valueOf(max + 1);
        String limit = String.valueOf(max);
        cases.add(npe("apply(null)", () -> st.apply(null), "batch"));
        cases.add(npe("applyAll(null)", () -> st.applyAll(null), "batches"));
        cases.add(npe("applyAll([valid, null])", () -> st.applyAll(Arrays.asList(valid, null)), "batch"));
        cases.add(iae("apply with an entry of max + 1 bytes", () -> st.apply(bigEntry), s.value(), found, limit));
        cases.add(iae("apply with a snapshot of max + 1 bytes", () -> st.apply(bigSnapshot), "bad/snap", found, limit));
        cases.add(iae("apply with a record value of max + 1 bytes", () -> st.apply(bigRecord), "bad/ns", found, limit));
        cases.add(iae("applyAll([valid, oversized entry])", () -> st.applyAll(List.of(valid, bigEntry)),
                s.value(), found, limit));
        cases.add(iae("applyAll([valid, oversized snapshot])", () -> st.applyAll(List.of(valid, bigSnapshot)),
                "bad/snap", found, limit));
        cases.add(iae("applyAll([valid, oversized record])", () -> st.applyAll(List.of(valid, bigRecord)),
                "bad/ns", found, limit));
        return run(cases);
    }
}
