package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.session.AppendResult;
import dev.steadfast.session.DurableSession;
import dev.steadfast.session.DurableSessions;
import dev.steadfast.session.PersistenceProfile;
import dev.steadfast.session.SessionCodec;
import dev.steadfast.session.SessionOptions;
import dev.steadfast.session.SessionType;
import dev.steadfast.session.Sessions;
import dev.steadfast.spi.Entry;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.StreamId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code steadfast compact}: the dry run changes no byte; a run removes what it printed and frees space. */
class CompactCommandTest {
    private static final StreamId SESSION = StreamId.of("session/s");

    @TempDir
    Path dir;

    @Test
    void dryRunOnSqliteSaysWhatItWouldRemoveAndChangesNoByte() {
        String uri = "sqlite:" + dir.resolve("store.db");
        populate(uri);
        Map<String, String> before = files(dir);

        Run run = Run.of("compact", "--store", uri, "--dry-run");

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("session/s: remove 1..197 (197 entries, "), run::toString);
        assertTrue(run.out().contains("would remove 197 entries from 1 journal(s)"), run::toString);
        assertEquals(before, files(dir), "the dry run changed no byte");
    }

    @Test
    void dryRunOnEncryptedFileChangesNoByte() {
        String uri = vault();
        populate(uri);
        Map<String, String> before = files(dir);

        Run run = Run.of("compact", "--store", uri, "--dry-run", "--max-entries", "50");

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("keeping at most 50 entries"), run::toString);
        assertTrue(run.out().contains("session/s: remove 1..151 (151 entries"), run::toString);
        assertEquals(before, files(dir), "the dry run changed no byte");
    }

    @Test
    void runOnSqliteRemovesThePlanWithProgressAndShrinksTheFile() throws IOException {
        String uri = "sqlite:" + dir.resolve("store.db");
        populate(uri);
        long before = Files.size(dir.resolve("store.db"));

        Run run = Run.of("compact", "--store", uri, "--chunk", "50");

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("OK: removed 197 entries from 1 journal(s)"), run::toString);
        assertTrue(run.err().contains("compact: 50/197 entries removed, journal 1/1 'session/s' up to 50"),
                run::toString);
        assertTrue(run.err().contains("compact: 197/197 entries removed"), run::toString);
        assertTrue(Files.size(dir.resolve("store.db")) < before / 2, before + " -> "
                + Files.size(dir.resolve("store.db")));
        assertRecovers(uri);
    }

    @Test
    void runOnEncryptedFileFreesSpaceAndTheSessionRecovers() {
        String uri = vault();
        populate(uri);
        long before = size(dir.resolve("vault"));

        Run run = Run.of("compact", "--store", uri);

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(size(dir.resolve("vault")) < before / 2, before + " -> " + size(dir.resolve("vault")));
        assertRecovers(uri);
    }

    /**
     * H2 compacts its file when the last connection closes anyway, so the file's size after the run cannot tell
     * whether {@code reclaimSpace} worked; the size the command reports at its end, measured while the store is
     * still open, can: without the reclaim it is larger than before (the purge itself wrote new chunks).
     */
    @Test
    void runOnH2GivesTheSpaceBackWhileTheStoreIsOpenAndTheSessionRecovers() {
        String uri = "h2:" + dir.resolve("store");
        populate(uri);

        Run run = Run.of("compact", "--store", uri);

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("OK: removed 197 entries from 1 journal(s)"), run::toString);
        long[] sizes = reportedSizes(run);
        assertTrue(sizes[1] < sizes[0] / 2, "store size " + sizes[0] + " -> " + sizes[1] + "\n" + run);
        assertRecovers(uri);
    }

    @Test
    void runOnH2WithoutReclaimLeavesTheFileAsLargeSoTheReclaimIsWhatShrinksIt() {
        String uri = "h2:" + dir.resolve("store");
        populate(uri);

        Run run = Run.of("compact", "--store", uri, "--no-reclaim");

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        long[] sizes = reportedSizes(run);
        assertTrue(sizes[1] >= sizes[0], "store size " + sizes[0] + " -> " + sizes[1] + "\n" + run);
        assertRecovers(uri);
    }

    /** The sizes in the run's last line, {@code store size A bytes -> B bytes}. */
    private static long[] reportedSizes(Run run) {
        Matcher m = Pattern.compile("store size (\\d+) bytes -> (\\d+) bytes").matcher(run.out());
        assertTrue(m.find(), "no sizes reported: " + run);
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    @Test
    void anAgeThatIsNotOneIsAUsageErrorNamingIt() {
        Path file = dir.resolve("store.db");

        Run run = Run.of("compact", "--store", "sqlite:" + file, "--max-age", "3 weeks");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--max-age '3 weeks' is not an age; expected a whole number with d, h, m or s"),
                run::toString);
        assertTrue(!Files.exists(file), "nothing opened, nothing created");
    }

    /**
     * 200 events of 2 KiB each (the state counts their characters) in batches of 4, a snapshot after each batch, two
     * kept: the journal holds the opened marker at 1 and the events at 2..201; the kept snapshots cover 201 and 197,
     * so by default 1..197 may go (recovery can still fall back to the snapshot at 197).
     */
    static void populate(String uri) {
        try (Steadfast s = Steadfast.open(uri)) {
            DurableSession<Long, String> a = sessions(s).start("s", "a", "r").orElseThrow();
            String event = "x".repeat(2048);
            for (int i = 1; i <= 50; i++) {
                assertTrue(a.appendAll(List.of(event, event, event, event)) instanceof AppendResult.Acknowledged);
            }
        }
    }

    private static DurableSessions<Long, String> sessions(Steadfast s) {
        SessionType<Long, String> type = new SessionType<>(0L, (state, event) -> state + event.length(),
                SessionCodec.longs(), SessionCodec.utf8());
        return new Sessions(s.store(), new ManualClock()).of(type, SessionOptions
                .of(new PersistenceProfile.SnapshotJournal(4)));
    }

    static void assertRecovers(String uri) {
        try (Steadfast s = Steadfast.open(uri)) {
            DurableSession<Long, String> b = sessions(s).takeOver("s", "b").orElseThrow();
            assertEquals(200L * 2048, b.state());
            try (Stream<Entry> entries = s.store().readJournal(SESSION, 1)) {
                assertEquals(198, entries.findFirst().orElseThrow().sequence());
            }
        }
    }

    private String vault() {
        return "encrypted-file:" + dir.resolve("vault") + "?keyset=" + dir.resolve("k.json") + "&createKeyset=true";
    }

    static Map<String, String> files(Path root) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(root.relativize(p).toString(), Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static long size(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (UncheckedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
