package dev.steadfast.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.steadfast.fence.Claim;
import dev.steadfast.fence.FenceTokens;
import dev.steadfast.fence.Lease;
import dev.steadfast.fence.Leases;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which lease grants an operator sees: a routine grant (a lease never held or released, or the same owner again)
 * logs at DEBUG only, so a service cycling a lease writes no line per cycle at the default level; a takeover of
 * another owner's lease that ran out, and every refusal, stay at INFO. Both acquire paths are covered: the one that
 * reads the fence first and the one that writes without reading (the instance wrote the fence last).
 */
class LeaseGrantLogTest {
    private static final String SOURCE = "dev.steadfast.testing.Backends#all";
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final FenceTokens TOKENS = FenceTokens.hmac("lease-grant-log-secret".getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void routineGrantsOfAFreeOrReleasedLeaseOrToTheSameOwnerLogAtDebugOnly(Backend backend, @TempDir Path dir) {
        List<String> lines = logged(backend, dir, (store, leases, clock) -> {
            Lease a = leases.acquire("job", "a", TTL).orElseThrow(); // free: epoch 1, read path
            leases.release(a).orElseThrow();
            Lease again = leases.acquire("job", "a", TTL).orElseThrow(); // released, same owner: no-read path
            leases.release(again).orElseThrow();
            leases.acquire("job", "b", TTL).orElseThrow(); // released by a: epoch 3, no-read path
            clock.advanceMillis(TTL.toMillis());
            new Leases(store, clock, TOKENS).acquire("job", "b", TTL).orElseThrow(); // ran out, b's own: read
        });
        assertEquals(List.of(
                "FINE claim granted: fence 'job' owner 'a' epoch 1",
                "FINE claim granted: fence 'job' owner 'a' epoch 2",
                "FINE claim granted: fence 'job' owner 'b' epoch 3",
                "FINE claim granted: fence 'job' owner 'b' epoch 4"), granted(lines), lines::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void takeoverOfAnotherOwnersExpiredLeaseLogsAtInfoOnBothAcquirePaths(Backend backend, @TempDir Path dir) {
        List<String> lines = logged(backend, dir, (store, leases, clock) -> {
            leases.acquire("job", "a", TTL).orElseThrow();
            clock.advanceMillis(TTL.toMillis());
            leases.acquire("job", "b", TTL).orElseThrow(); // this instance wrote a's lease: no-read path
            clock.advanceMillis(TTL.toMillis());
            new Leases(store, clock, TOKENS).acquire("job", "c", TTL).orElseThrow(); // read path
        });
        assertEquals(List.of(
                "FINE claim granted: fence 'job' owner 'a' epoch 1",
                "INFO takeover granted: fence 'job' owner 'b' epoch 2, taken from 'a'",
                "INFO takeover granted: fence 'job' owner 'c' epoch 3, taken from 'b'"), granted(lines),
                lines::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void refusalOfALeaseThatStillRunsLogsAtDebug(Backend backend, @TempDir Path dir) {
        List<String> lines = logged(backend, dir, (store, leases, clock) -> {
            leases.acquire("job", "a", TTL).orElseThrow();
            assertInstanceOf(Claim.Rejected.class, leases.acquire("job", "b", TTL));
        });
        assertEquals(List.of("FINE takeover refused (lease_held): fence 'job' owner 'b' epoch 2"),
                lines.stream().filter(l -> l.contains("refused")).toList(), lines::toString);
    }

    private interface Script {
        void run(Store store, Leases leases, ManualClock clock);
    }

    private static List<String> logged(Backend backend, Path dir, Script script) {
        try (LogCapture log = new LogCapture(); Store store = backend.open(dir)) {
            ManualClock clock = new ManualClock(1_000);
            script.run(store, new Leases(store, clock, TOKENS), clock);
            return log.lines();
        }
    }

    private static List<String> granted(List<String> lines) {
        return lines.stream().filter(l -> l.contains(" granted: ")).toList();
    }
}
