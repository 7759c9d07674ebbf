package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepairCommandTest {
    private static final int BATCHES = 20;

    @TempDir
    Path dir;

    private Path vault() {
        return dir.resolve("vault");
    }

    private String uri() {
        return "encrypted-file:" + vault() + "?keyset=" + dir.resolve("k.json") + "&createKeyset=true";
    }

    @Test
    void aDamagedRecordIsQuarantinedTheLostEntriesAreListedAndTheStoreThenVerifies() throws IOException {
        writeAndDamage();
        assertEquals(ExitCodes.STORE_UNAVAILABLE, Run.of("verify", "--store", uri()).exitCode());

        Run run = Run.of("repair", "--json", "--store", uri());

        assertEquals(ExitCodes.CHECK_FAILED, run.exitCode(), run::toString);
        assertTrue(run.out().contains("\"opens\":true"), run::toString);
        assertTrue(run.out().contains("{\"stream\":\"orders/7\",\"firstSequence\":"), run::toString);
        assertTrue(run.out().contains("\"lastSequence\":" + BATCHES + ","), run::toString);
        List<Path> quarantines = siblings(".quarantine-");
        assertEquals(1, quarantines.size(), quarantines::toString);
        assertTrue(Files.exists(quarantines.get(0).resolve("MANIFEST")));
        assertTrue(Files.exists(quarantines.get(0).resolve("REPAIR-REPORT.txt")));
        Run verify = Run.of("verify", "--store", uri());
        assertEquals(ExitCodes.OK, verify.exitCode(), verify::toString);
    }

    @Test
    void aDryRunSaysWhatWouldBeLostAndChangesNothing() throws IOException {
        writeAndDamage();
        TreeMap<String, String> before = fingerprint(vault());

        Run run = Run.of("repair", "--dry-run", "--store", uri());

        assertEquals(ExitCodes.CHECK_FAILED, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("WOULD REPAIR (dry run, nothing changed)"), run::toString);
        assertTrue(run.out().contains("orders/7: "), run::toString);
        assertEquals(before, fingerprint(vault()));
        assertTrue(siblings(".quarantine-").isEmpty());
    }

    @Test
    void aHealthyStoreIsLeftAlone() throws IOException {
        write();
        TreeMap<String, String> before = fingerprint(vault());

        Run run = Run.of("repair", "--store", uri());

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("nothing to repair"), run::toString);
        assertEquals(before, fingerprint(vault()));
    }

    @Test
    void aBackendWithoutRepairIsAUsageErrorNamingTheScheme() {
        String sqlite = "sqlite:" + dir.resolve("s.db");
        try (Steadfast s = Steadfast.open(sqlite)) {
            Fixtures.populate(s.store());
        }

        Run run = Run.of("repair", "--store", sqlite);

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("'sqlite' has no repair"), run::toString);
    }

    @Test
    void aMissingStoreIsNeverCreated() {
        Run run = Run.of("repair", "--store", uri());

        assertEquals(ExitCodes.STORE_UNAVAILABLE, run.exitCode(), run::toString);
        assertTrue(Files.notExists(vault()));
    }

    private void write() {
        try (Steadfast s = Steadfast.open(uri())) {
            for (int i = 0; i < BATCHES; i++) {
                s.store().apply(WriteBatch.builder().append(StreamId.of("orders/7"), i,
                        List.of(("event " + i).getBytes(StandardCharsets.UTF_8))).build());
            }
        }
    }

    /** Flips a bit in the middle of the only segment: a damaged record with intact ones after it. */
    private void writeAndDamage() throws IOException {
        write();
        Path segment = vault().resolve("segment-000000000001.seg");
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(segment, bytes);
    }

    private List<Path> siblings(String infix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(infix)).toList();
        }
    }

    private static TreeMap<String, String> fingerprint(Path d) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : s.filter(f -> !f.getFileName().toString().equals("LOCK")).toList()) {
                out.put(p.getFileName().toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
