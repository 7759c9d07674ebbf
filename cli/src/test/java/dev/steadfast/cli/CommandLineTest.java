package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo", "inspect", "verify", "certify"})
    void everyCommandHasHelpWithItsExitCodes(String command) {
        Run run = Run.of(command, "--help");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Usage: steadfast " + command), run::toString);
        assertTrue(run.out().contains("Exit codes:"), run::toString);
    }

    @Test
    void topLevelHelpListsTheCommandsButNotTheInternalWriter() {
        Run run = Run.of("--help");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("demo") && run.out().contains("inspect") && run.out().contains("verify"));
        assertTrue(!run.out().contains("demo-writer"), run::toString);
    }

    @Test
    void helpAndHelpOfACommandPrintTheSameUsageAsTheHelpOption() {
        Run help = Run.of("help");
        Run helpInspect = Run.of("help", "inspect");

        assertEquals(0, help.exitCode(), help::toString);
        assertEquals(Run.of("--help").out(), help.out());
        assertEquals(0, helpInspect.exitCode(), helpInspect::toString);
        assertEquals(Run.of("inspect", "--help").out(), helpInspect.out());
    }

    @Test
    void anUnknownSchemeIsAUsageErrorInOneLineNamingTheSchemesFound() {
        Run run = Run.of("inspect", "--store", "nosuch:./x");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains("no store provider serves scheme 'nosuch'") && run.err().contains("'sqlite'"),
                run::toString);
    }

    @Test
    void aMissingStoreOptionIsAUsageErrorInOneLine() {
        Run run = Run.of("verify");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains("--store"), run::toString);
    }

    @Test
    void aUriWithoutSchemeIsAUsageErrorInOneLine() {
        Run run = Run.of("verify", "--store", "just-a-path.db");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains("has no scheme"), run::toString);
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageErrorInOneLine() {
        for (String[] args : new String[][] {{"frobnicate"}, {"inspect", "--store", "memory:", "--colour"}}) {
            Run run = Run.of(args);

            assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
            assertEquals(1, run.errLines().size(), run::toString);
        }
    }

    @Test
    void noCommandPrintsTheUsageAsAUsageError() {
        Run run = Run.of();

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Usage: steadfast"), run::toString);
    }
}
