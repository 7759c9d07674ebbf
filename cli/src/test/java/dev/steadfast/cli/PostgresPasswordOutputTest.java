package dev.steadfast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Steadfast;
import dev.steadfast.backend.postgresql.PostgresServer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL URI's password never appears in what a command prints, on either stream. The throwaway server
 * trusts loopback connections, so the password is accepted and ignored: every command runs through to its output.
 */
class PostgresPasswordOutputTest {
    private static final String PASSWORD = "Pw4CliOutput";

    @Test
    void inspectVerifyAndCompactPrintNoPassword() {
        String uri = PostgresServer.shared().storeUri("cli_password_" + ProcessHandle.current().pid())
                + "&password=" + PASSWORD;
        try (Steadfast s = Steadfast.open(uri)) {
            Fixtures.populate(s.store());
        }
        List<String[]> commands = List.of(new String[] {"inspect", "--store", uri},
                new String[] {"inspect", "--store", uri, "--json"}, new String[] {"verify", "--store", uri},
                new String[] {"compact", "--store", uri, "--prefix", "", "--max-entries", "5", "--dry-run"},
                new String[] {"compact", "--store", uri, "--prefix", "", "--max-entries", "5"});
        for (String[] command : commands) {
            Run run = Run.of(command);
            assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
            assertFalse(run.out().contains(PASSWORD) || run.err().contains(PASSWORD), run::toString);
        }
        Run compacted = Run.of("inspect", "--store", uri);
        assertTrue(compacted.out().contains("orders/7"), compacted::toString);
    }

    @Test
    void certifyProfileContendersAreNotGivenThePasswordOnTheirCommandLine() throws InterruptedException {
        // any local user can read a process's command line (ps, /proc/PID/cmdline); only its owner its environment
        String uri = PostgresServer.shared().storeUri("cli_profile_" + ProcessHandle.current().pid())
                + "&password=" + PASSWORD;
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                ProcessHandle.current().descendants()
                        .forEach(p -> p.info().commandLine().ifPresent(seen::add));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "child-command-lines");
        watcher.start();
        Run run;
        try {
            run = Run.of("certify", "--store", uri, "--profile");
        } finally {
            watcher.interrupt();
            watcher.join(10_000);
        }
        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(seen.stream().anyMatch(c -> c.contains("profile-worker")), "no contender process seen: " + seen);
        assertFalse(seen.stream().anyMatch(c -> c.contains(PASSWORD)), seen::toString);
        assertFalse(run.out().contains(PASSWORD) || run.err().contains(PASSWORD), run::toString);
    }
}
