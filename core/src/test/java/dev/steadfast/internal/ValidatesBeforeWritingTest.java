package dev.steadfast.internal;

import static dev.steadfast.internal.GroupCommitFixture.append;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every backend of this repo declares {@code validatesBeforeWriting}, which lets group commit retry the other
 * writers of a refused group on their own; this holds them to it: a call whose last batch is invalid writes none.
 */
class ValidatesBeforeWritingTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void aBackendThatDeclaresItWritesNothingOfACallWithAnInvalidLastBatch(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            assertTrue(store.descriptor().validatesBeforeWriting(), backend + " should declare it");
            byte[] tooBig = new byte[store.descriptor().maxPayloadBytes() + 1];
            WriteBatch invalid = WriteBatch.of(new WriteOp.Append(StreamId.of("big"), 0, List.of(tooBig)));

            assertThrows(IllegalArgumentException.class,
                    () -> store.applyAll(List.of(append("first", 0, "a"), append("second", 0, "b"), invalid)));
            assertEquals(0, store.journalHead(StreamId.of("first")));
            assertEquals(0, store.journalHead(StreamId.of("second")));
        }
    }
}
