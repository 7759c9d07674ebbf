package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.tck.LogScan;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One table of exit codes: the code's, the help's and the README's agree, and each failure lands on its row. */
class ExitCodesTest {
    @TempDir
    Path dir;

    @Test
    void anUnexpectedFailureIsExitFourNamingTheExceptionWithTheHintToRerunVerbose() {
        for (String command : List.of("inspect", "verify")) {
            Run run = Run.of(command, "--store", "faulty:bug-in-a-read");

            assertEquals(ExitCodes.INTERNAL, run.exitCode(), run::toString);
            assertEquals(List.of("steadfast " + command + ": unexpected IllegalStateException: injected: a bug in a "
                    + "read", "(rerun with --verbose for the stack trace)"), run.errLines(), run::toString);

            Run verbose = Run.of(command, "--store", "faulty:bug-in-a-read", "--verbose");
            assertEquals(ExitCodes.INTERNAL, verbose.exitCode(), verbose::toString);
            assertTrue(verbose.err().contains("at dev.steadfast.cli.FaultyStoreProvider"), verbose::toString);
        }
    }

    @Test
    void theReadmeTableIsTheCodesTableRowForRow() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("README.md"),
                StandardCharsets.UTF_8);
        List<String> rows = readme.lines().filter(l -> l.matches("\\| [0-9] \\| .*")).toList();
        List<String> expected = ExitCodes.TABLE.stream()
                .map(c -> "| " + c.code() + " | " + c.meaning() + " |").toList();
        assertEquals(expected, rows);
    }

    @Test
    void everyCommandsHelpPrintsEveryRowOfTheTable() {
        for (String command : List.of("demo", "inspect", "verify", "certify", "repair")) {
            String help = Run.of(command, "--help").out().lines().map(String::strip)
                    .collect(Collectors.joining(" ")).replaceAll("\\s+", " ");
            for (ExitCodes.Code row : ExitCodes.TABLE) {
                assertTrue(help.contains(row.code() + " " + row.meaning().split(" ")[0]), command + ": " + help);
            }
        }
    }

    @Test
    void aDamagedEncryptedSegmentIsAStoreThatCannotBeRead() throws Exception {
        write();
        Path segment = dir.resolve("vault/segment-000000000001.seg");
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(segment, bytes);

        Run run = Run.of("verify", "--store", uri(dir.resolve("k.json")));

        assertEquals(ExitCodes.STORE_UNAVAILABLE, run.exitCode(), run::toString);
    }

    @Test
    void aKeysetWithoutTheStoresKeyIsABadArgumentNamingTheKeysetFile() throws Exception {
        write();
        Path other = dir.resolve("other.json");
        try (Steadfast s = Steadfast.open("encrypted-file:" + dir.resolve("elsewhere") + "?keyset=" + other
                + "&createKeyset=true")) {
            s.store();
        }

        Run run = Run.of("verify", "--store", uri(other));

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("other.json"), run::toString);
    }

    @Test
    void aGarbageKeysetFileIsABadArgumentNamingTheFileAndWhatWasExpected() throws Exception {
        write();
        Path garbage = dir.resolve("garbage.json");
        Files.write(garbage, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x13, (byte) 0x80});

        Run run = Run.of("verify", "--store", uri(garbage));

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains(garbage.toString()) && run.err().contains("Tink JSON keyset"), run::toString);
        assertTrue(!run.err().contains("Input length"), run::toString);
    }

    @Test
    void aDirectoryLockedByAnotherProcessIsAStoreThatCannotBeOpened() throws Exception {
        write();
        Process holder = LogScan.scanning(new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldStoreMain.class.getName(),
                uri(dir.resolve("k.json")))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("OPEN", r.readLine());

            Run run = Run.of("inspect", "--store", uri(dir.resolve("k.json")));

            assertEquals(ExitCodes.STORE_UNAVAILABLE, run.exitCode(), run::toString);
            assertTrue(run.err().contains("already open in another process"), run::toString);
        } finally {
            holder.toHandle().destroyForcibly();
            holder.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private String uri(Path keyset) {
        return "encrypted-file:" + dir.resolve("vault") + "?keyset=" + keyset;
    }

    private void write() {
        try (Steadfast s = Steadfast.open(uri(dir.resolve("k.json")) + "&createKeyset=true")) {
            StreamId stream = StreamId.of("orders");
            for (int i = 0; i < 5; i++) {
                s.store().apply(WriteBatch.builder().append(stream, i, ("e" + i).getBytes(StandardCharsets.UTF_8))
                        .build());
            }
        }
    }
}
