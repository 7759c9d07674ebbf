package dev.steadfast.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.fence.FenceTokens;
import dev.steadfast.fence.Fences;
import dev.steadfast.fence.OwnershipFence;
import dev.steadfast.session.DurableSession;
import dev.steadfast.session.DurableSessions;
import dev.steadfast.session.PersistenceProfile;
import dev.steadfast.session.SessionOptions;
import dev.steadfast.session.Sessions;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Guard;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.tck.LogScan;
import dev.steadfast.testing.Backend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OperatorLogTest {
    private static final String SECRET = "hmac-secret-" + LogScan.MARKER + "-4711";
    private static final String PAYLOAD = "payload-bytes-" + LogScan.MARKER + "-0815";
    private static final FenceTokens TOKENS = FenceTokens.hmac(SECRET.getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void takeoverFencedOutWriteAndRecoveryAreLoggedWithoutPayloadsTokensOrKeys(Backend backend, @TempDir Path dir) {
        List<String> lines;
        String tokenA;
        try (LogCapture log = new LogCapture()) {
            ManualClock clock = new ManualClock(1_000);
            try (Steadfast steadfast = Steadfast.builder().clock(clock).wrap(backend.open(dir))) {
                Fences fences = new Fences(steadfast.store(), TOKENS);
                OwnershipFence a = fences.claimNext("orders", "node-a").orElseThrow();
                tokenA = a.token();
                fences.claimNext("orders", "node-b").orElseThrow();
                fences.requestTakeover("orders", "node-c", 2, "forged-token");
                WriteBatch stale = new WriteBatch(List.of(new Guard.FenceAt("orders", a.epoch())),
                        List.of(new WriteOp.Append(StreamId.of("orders"), 0,
                                List.of(PAYLOAD.getBytes(StandardCharsets.UTF_8)))));
                assertInstanceOf(FencedOut.class, steadfast.store().apply(stale));

                DurableSessions<Long, Long> sessions = new Sessions(steadfast.store(), clock, TOKENS)
                        .counters(SessionOptions.of(new PersistenceProfile.JournalOnly()));
                DurableSession<Long, Long> s = sessions.start("cart-7", "node-a", "r").orElseThrow();
                assertTrue(s.append(42L).acknowledged());
                sessions.takeOver("cart-7", "node-b").orElseThrow();
            }
            lines = log.lines();
        }
        assertFalse(only(lines, "store opened: scheme " + backend.scheme()).isEmpty(), lines::toString);
        assertFalse(only(lines, "store closed: scheme " + backend.scheme()).isEmpty(), lines::toString);
        // node-a claimed a fence nobody held: routine, DEBUG (JUL's FINE); node-b took it from node-a: INFO.
        assertEquals(List.of("FINE claim granted: fence 'orders' owner 'node-a' epoch 1"),
                only(lines, "fence 'orders' owner 'node-a' epoch 1"), lines::toString);
        assertEquals(List.of("INFO takeover granted: fence 'orders' owner 'node-b' epoch 2, taken from 'node-a'"),
                only(lines, "granted: fence 'orders' owner 'node-b' epoch 2"), lines::toString);
        assertTrue(only(lines, "takeover refused (split_brain): fence 'orders' owner 'node-c' epoch 2").get(0)
                .startsWith("WARNING"), lines::toString);
        assertEquals(1, only(lines, "write fenced out: fence 'orders' expected epoch 1, found epoch 2 held by "
                + "'node-b'").size(), lines::toString);
        assertEquals(1, only(lines, "session 'cart-7' recovered: no snapshot, 2 journal entries read, 1 events "
                + "replayed").size(), lines::toString);
        for (String line : lines) {
            assertFalse(line.contains(PAYLOAD), () -> "payload in log line: " + line);
            assertFalse(line.contains(SECRET), () -> "secret in log line: " + line);
            assertFalse(line.contains(tokenA), () -> "fence token in log line: " + line);
            assertFalse(line.contains("forged-token"), () -> "presented token in log line: " + line);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.steadfast.testing.Backends#all")
    void storeOpenedLineNamesTheOnDiskFormatVersion(Backend backend, @TempDir Path dir) {
        List<String> lines;
        int version;
        try (LogCapture log = new LogCapture(); Steadfast steadfast = Steadfast.builder().wrap(backend.open(dir))) {
            version = steadfast.descriptor().formatVersion();
            lines = log.lines();
        }
        String opened = only(lines, "store opened: scheme " + backend.scheme()).get(0);
        if (backend.durable()) {
            assertTrue(version > 0, backend + " declares no format version");
            assertTrue(opened.endsWith(", format version " + version), opened);
        } else {
            assertTrue(opened.endsWith(", no versioned format"), opened);
        }
    }

    @Test
    void aStoreThatRefusesToOpenIsLoggedByItsSchemeWithoutTheUrisSecrets(@TempDir Path dir) {
        List<String> lines;
        try (LogCapture log = new LogCapture()) {
            String uri = "encrypted-file:" + dir.resolve("missing") + "?create=false&password=hunter2-secret";
            try {
                Steadfast.open(uri).close();
            } catch (RuntimeException expected) {
                // refused; the log line is what is checked
            }
            lines = log.lines();
        }
        assertFalse(only(lines, "store refused to open: scheme encrypted-file").isEmpty(), lines::toString);
        lines.forEach(l -> assertFalse(l.contains("hunter2"), () -> "password in log line: " + l));
    }

    private static List<String> only(List<String> lines, String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }
}
