package dev.steadfast.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The chain signature and the labels are stable, byte for byte. */
class ChainSignatureTest {
    private static final List<Checkpoint> CHAIN = List.of(
            new Checkpoint("run-1", "parse", 1, new Watermark(100, 1_700_000_000_000L), "parse@100", 1_000),
            new Checkpoint("run-1", "enrich", 1, new Watermark(50, 1_700_000_000_500L), "enrich@50", 2_000));

    /** Pinned (and recomputed independently from the documented encoding): an encoding change shows here. */
    private static final String PINNED = "e604423cbc4842cc8029484ddc470fbdc29b026f42e495600fa15c8db0d8e277";

    @Test
    void signatureOfAFixedChainIsPinned() {
        assertEquals(PINNED, Checkpoint.chainSignature(CHAIN));
    }

    @Test
    void signatureDependsOnEveryFieldAndTheOrder() {
        String base = Checkpoint.chainSignature(CHAIN);
        assertNotEquals(base, Checkpoint.chainSignature(List.of(CHAIN.get(1), CHAIN.get(0))));
        assertNotEquals(base, Checkpoint.chainSignature(List.of(CHAIN.get(0))));
        Checkpoint c = CHAIN.get(0);
        for (Checkpoint changed : List.of(
                new Checkpoint("run-2", c.stage(), c.sequence(), c.watermark(), c.idempotencyKey(), c.atMs()),
                new Checkpoint(c.runId(), "parsE", c.sequence(), c.watermark(), c.idempotencyKey(), c.atMs()),
                new Checkpoint(c.runId(), c.stage(), 2, c.watermark(), c.idempotencyKey(), c.atMs()),
                new Checkpoint(c.runId(), c.stage(), c.sequence(), new Watermark(101, 1_700_000_000_000L),
                        c.idempotencyKey(), c.atMs()),
                new Checkpoint(c.runId(), c.stage(), c.sequence(), new Watermark(100, 1), c.idempotencyKey(),
                        c.atMs()),
                new Checkpoint(c.runId(), c.stage(), c.sequence(), c.watermark(), "parse@101", c.atMs()),
                new Checkpoint(c.runId(), c.stage(), c.sequence(), c.watermark(), c.idempotencyKey(), 1_001))) {
            assertNotEquals(base, Checkpoint.chainSignature(List.of(changed, CHAIN.get(1))), changed.label());
        }
        // Length prefixes keep field boundaries: moving a character from one field to the next changes it.
        Checkpoint shifted = new Checkpoint("run-1p", "arse", 1, c.watermark(), c.idempotencyKey(), c.atMs());
        assertNotEquals(Checkpoint.chainSignature(List.of(c)), Checkpoint.chainSignature(List.of(shifted)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CheckpointLogTest.SOURCE)
    void chainReadBackFromTheStoreSignsAsTheChainWritten(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(1_000);
            CheckpointLog log = new Pipelines(store, clock).log("run-1");
            log.record("parse", 1, new Watermark(100, 1_700_000_000_000L), "parse@100");
            clock.advanceMillis(1_000);
            log.record("enrich", 1, new Watermark(50, 1_700_000_000_500L), "enrich@50");
            assertEquals(PINNED, Checkpoint.chainSignature(log.chain()));
        }
    }

    @Test
    void labelsAreStable() {
        Checkpoint c = CHAIN.get(0);
        assertEquals("wm:100@1700000000000", c.watermark().label());
        assertEquals("cp:run-1/parse#1 wm:100@1700000000000 key=parse@100 at=1000", c.label());
        assertEquals("resume:run-1/parse#1 wm:100@1700000000000", c.resumePoint().label());
    }
}
