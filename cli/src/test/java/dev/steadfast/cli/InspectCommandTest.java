package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    @TempDir
    Path dir;

    private String populatedStore() {
        String uri = "sqlite:" + dir.resolve("inspect.db");
        try (Steadfast s = Steadfast.open(uri)) {
            Fixtures.populate(s.store());
        }
        return uri;
    }

    @Test
    void inspectListsJournalsSnapshotsFencesAndNamespacesThatWereWritten() {
        Run run = Run.of("inspect", "--store", populatedStore());

        assertEquals(0, run.exitCode(), run::toString);
        String out = run.out();
        assertTrue(out.matches("(?s).*orders/7\\s+head 10\\s+entries 1\\.\\.10 retained.*"), out);
        assertTrue(out.matches("(?s).*orders/7\\s+covers sequence 8\\s+3 bytes.*"), out);
        assertTrue(out.matches("(?s).*orders/7\\s+owner 'node-x'\\s+epoch 1\\s+held without a lease.*"), out);
        assertTrue(out.matches("(?s).*idempotency\\s+2 records, 3 bytes.*"), out);
    }

    @Test
    void inspectJsonHasEveryKindOfStateWithItsFields() {
        Run run = Run.of("inspect", "--json", "--store", populatedStore());

        assertEquals(0, run.exitCode(), run::toString);
        String json = run.out().strip();
        assertTrue(json.startsWith("{") && json.endsWith("}"), json);
        assertEquals(json.chars().filter(c -> c == '{').count(), json.chars().filter(c -> c == '}').count(), json);
        assertEquals(json.chars().filter(c -> c == '[').count(), json.chars().filter(c -> c == ']').count(), json);
        for (String expected : new String[] {"\"store\":{\"scheme\":\"sqlite\"", "\"durable\":true",
            "{\"stream\":\"orders/7\",\"head\":10,\"firstRetained\":1}",
            "{\"key\":\"orders/7\",\"coveredSequence\":8,\"bytes\":3}",
            "{\"name\":\"orders/7\",\"owner\":\"node-x\",\"epoch\":1,", "\"lease\":\"none\"",
            "{\"namespace\":\"idempotency\",\"records\":2,\"bytes\":3}"}) {
            assertTrue(json.contains(expected), () -> "missing " + expected + " in\n" + json);
        }
    }

    @Test
    void inspectOfAMissingStoreFailsInOneLineAndCreatesNothing() {
        Path missing = dir.resolve("missing.db");

        Run run = Run.of("inspect", "--store", "sqlite:" + missing);

        assertEquals(ExitCodes.STORE_UNAVAILABLE, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains("does not exist"), run::toString);
        assertFalse(Files.exists(missing));
    }
}
