package dev.steadfast.cli;

import static dev.steadfast.cli.CompactCommandTest.assertRecovers;
import static dev.steadfast.cli.CompactCommandTest.files;
import static dev.steadfast.cli.CompactCommandTest.populate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code steadfast compact --rule ...}: several retention rules in one run, each journal kept by its own. */
class CompactRulesCommandTest {
    private static final StreamId CHAT = StreamId.of("chat/room");

    @TempDir
    Path dir;

    @Test
    void dryRunWithSeveralRulesSaysWhichRuleCutsEachJournalAndChangesNoByte() {
        String uri = populated();
        Map<String, String> before = files(dir);

        Run run = Run.of("compact", "--store", uri, "--dry-run", "--rule", "prefix=session/,after-snapshot=2",
                "--rule", "prefix=chat/,max-entries=10");

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("journals under 'session/', keeping the events after snapshot 2 from the top"),
                run::toString);
        assertTrue(run.out().contains("journals under 'chat/', keeping at most 10 entries"), run::toString);
        assertTrue(run.out().contains("chat/room: remove 1..20 (20 entries, 160 payload bytes); head 30 stays"
                + " (rule 'chat/')"), run::toString);
        assertTrue(run.out().contains("session/s: remove 1..197 (197 entries, "), run::toString);
        assertTrue(run.out().contains("would remove 217 entries from 2 journal(s)"), run::toString);
        assertEquals(before, files(dir), "the dry run changed no byte");
    }

    @Test
    void runWithSeveralRulesKeepsEachJournalByItsOwnRule() {
        String uri = populated();

        Run run = Run.of("compact", "--store", uri, "--rule", "prefix=session/,after-snapshot=2",
                "--rule", "prefix=chat/,max-entries=10");

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("OK: removed 217 entries from 2 journal(s)"), run::toString);
        try (Steadfast s = Steadfast.open(uri); Stream<Entry> chat = s.store().readJournal(CHAT, 1)) {
            assertEquals(21, chat.findFirst().orElseThrow().sequence());
        }
        assertRecovers(uri);
    }

    @Test
    void anAgeRuleOverAJournalThatIsNotASessionsIsRefusedAndNothingChanges() {
        String uri = populated();
        Map<String, String> before = files(dir);

        Run run = Run.of("compact", "--store", uri, "--rule", "prefix=session/,after-snapshot=2",
                "--rule", "prefix=chat/,max-age=1h");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("retention rule 'chat/' keeps the events newer than PT1H, but journal"
                + " 'chat/room' is not a session's"), run::toString);
        assertTrue(run.err().contains("nothing was removed"), run::toString);
        assertEquals(before, files(dir), "refused before the session's journal was touched either");
    }

    @Test
    void anAgeRuleForEverythingRunsWhenTheJournalsItCannotDateAreExemptedByALongerPrefix() {
        String uri = populated();

        Run run = Run.of("compact", "--store", uri, "--rule", "prefix=,max-age=1h", "--rule", "prefix=chat/,keep=all");

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("journals under 'chat/', keeping everything"), run::toString);
        assertTrue(run.out().contains("OK: removed 197 entries from 1 journal(s)"), "the session's checkpoints were "
                + "taken at time 0 on a manual clock, long older than an hour: " + run);
        try (Steadfast s = Steadfast.open(uri); Stream<Entry> chat = s.store().readJournal(CHAT, 1)) {
            assertEquals(1, chat.findFirst().orElseThrow().sequence());
        }
        assertRecovers(uri);
    }

    @Test
    void aMalformedRuleIsAUsageErrorNamingItAndTheFormExpected() {
        Path file = dir.resolve("store.db");

        Run run = Run.of("compact", "--store", "sqlite:" + file, "--rule", "prefix=chat/,max-entries=ten");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--rule 'prefix=chat/,max-entries=ten': max-entries must be a whole number,"
                + " was 'ten'; expected prefix=PREFIX and one of after-snapshot=K, max-entries=N, max-age=AGE or"
                + " keep=all"),
                run::toString);
        assertFalse(Files.exists(file), "nothing opened, nothing created");
    }

    @Test
    void aRuleWithoutAPolicyOrBesideThePolicyOptionsIsAUsageError() {
        String uri = "sqlite:" + dir.resolve("store.db");

        Run noPolicy = Run.of("compact", "--store", uri, "--rule", "prefix=chat/");
        Run mixed = Run.of("compact", "--store", uri, "--rule", "prefix=chat/,max-entries=1", "--max-entries", "5");

        assertEquals(ExitCodes.USAGE, noPolicy.exitCode(), noPolicy::toString);
        assertTrue(noPolicy.err().contains("--rule 'prefix=chat/': no policy"), noPolicy::toString);
        assertEquals(ExitCodes.USAGE, mixed.exitCode(), mixed::toString);
        assertTrue(mixed.err().contains("--rule replaces --prefix and the policy options"), mixed::toString);
    }

    @Test
    void aSecondPrefixIsAUsageErrorThatSpellsTheRulesToGiveInstead() {
        Path file = dir.resolve("store.db");

        Run run = Run.of("compact", "--store", "sqlite:" + file, "--prefix", "session/", "--max-entries", "5",
                "--prefix", "chat/");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--prefix given 2 times [session/, chat/]; one --prefix takes the one policy"
                + " option, several prefixes each with its policy are rules: --rule prefix=session/,POLICY"
                + " --rule prefix=chat/,POLICY"), run::toString);
        assertFalse(Files.exists(file), "nothing opened, nothing created");
    }

    /** The session of {@link CompactCommandTest} plus a chat journal of 30 entries of 8 bytes. */
    private String populated() {
        String uri = "sqlite:" + dir.resolve("store.db");
        populate(uri);
        try (Steadfast s = Steadfast.open(uri)) {
            List<byte[]> payloads = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                payloads.add(new byte[8]);
            }
            assertEquals(WriteResult.committed(), s.store().apply(WriteBatch.builder().append(CHAT, 0, payloads)
                    .build()));
        }
        return uri;
    }
}
