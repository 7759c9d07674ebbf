package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    @TempDir
    Path dir;

    @Test
    void verifyPassesOnAGoodStoreAndSaysWhatItRead() {
        String uri = "sqlite:" + dir.resolve("good.db");
        try (Steadfast s = Steadfast.open(uri)) {
            Fixtures.populate(s.store());
        }

        Run run = Run.of("verify", "--store", uri);

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("OK: journals 1 (entries 10), snapshots 1, fences 1, namespaces 1 (records 2)"),
                run::toString);
    }

    @Test
    void verifyJsonPrintsOneObjectWithTheCountsAndNoFault() {
        String uri = "sqlite:" + dir.resolve("good.db");
        try (Steadfast s = Steadfast.open(uri)) {
            Fixtures.populate(s.store());
        }

        Run run = Run.of("verify", "--json", "--store", uri);

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("{\"ok\":true,\"journals\":1,\"entries\":10,\"snapshots\":1,\"fences\":1,\"namespaces\":1,"
                + "\"records\":2,\"faults\":[]}", run.out().strip());
    }

    @Test
    void verifyJsonListsEachFaultWithItsLocation() {
        Verification v = new Verification(1, 8, 0, 0, 0, 0,
                java.util.List.of(new Verification.Fault("journal 'a\"b' sequences 9..10", "missing")));

        assertEquals("{\"ok\":false,\"journals\":1,\"entries\":8,\"snapshots\":0,\"fences\":0,\"namespaces\":0,"
                + "\"records\":0,\"faults\":[{\"location\":\"journal 'a\\\"b' sequences 9..10\",\"problem\":\"missing\"}]}",
                VerifyCommand.toJson(v));
    }

    @Test
    void verifyOfAFileThatIsNotAStoreFailsInOneLineWithoutAStackTrace() throws Exception {
        Path file = dir.resolve("junk.db");
        java.nio.file.Files.writeString(file, "not a database at all, just text that is long enough");

        Run run = Run.of("verify", "--store", "sqlite:" + file);

        assertEquals(ExitCodes.STORE_UNAVAILABLE, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains("not a SQLite database"), run::toString);
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        Path file = dir.resolve("junk.db");
        java.nio.file.Files.writeString(file, "not a database at all, just text that is long enough");

        Run run = Run.of("verify", "--verbose", "--store", "sqlite:" + file);

        assertEquals(ExitCodes.STORE_UNAVAILABLE, run.exitCode(), run::toString);
        assertTrue(run.errLines().size() > 3 && run.err().contains("\tat "), run::toString);
    }

    @Test
    void verifyHelpSaysWhatItChecks() {
        Run run = Run.of("verify", "--help");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("gap-free run"), run::toString);
        assertTrue(run.out().contains("integrity_check"), run::toString);
    }
}
