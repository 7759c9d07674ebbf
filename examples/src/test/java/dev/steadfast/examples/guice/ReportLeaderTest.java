package dev.steadfast.examples.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import dev.steadfast.Steadfast;
import dev.steadfast.fence.Leases;
import dev.steadfast.spi.Clock;
import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Guice application on {@code memory:} with a manual clock, and on {@code sqlite:} through configuration. */
class ReportLeaderTest {
    private static final String SECRET = "a test secret of 16+ chars";

    @Test
    void aLeaseThatRunsOutPassesLeadershipAndTheOldLeaderCannotPublish() {
        ManualClock clock = new ManualClock();
        Injector injector = Guice.createInjector(Modules.override(new ReportsModule(config("memory:", "node-a")))
                .with(b -> b.bind(Clock.class).toInstance(clock)));
        try (Steadfast steadfast = injector.getInstance(Steadfast.class)) {
            ReportLeader a = injector.getInstance(ReportLeader.class);
            ReportLeader b = new ReportLeader(injector.getInstance(Leases.class), injector.getInstance(Store.class),
                    "node-b");
            assertTrue(a.tryLead());
            assertFalse(b.tryLead(), "node-a's lease runs");
            assertTrue(a.publish("2026-11-29", "by a"));

            clock.advance(ReportLeader.TTL.minusMillis(1));
            assertFalse(b.tryLead(), "1 ms before the end the lease still runs");
            clock.advance(Duration.ofMillis(1));
            assertTrue(b.tryLead(), "at its end the lease passes to node-b");

            assertFalse(a.publish("2026-11-30", "late, by a"), "the old leader is fenced out");
            assertFalse(a.tryLead(), "and cannot renew");
            assertTrue(b.publish("2026-11-30", "by b"));
            assertEquals(Optional.of("by b"), b.report("2026-11-30"));
            assertEquals(Optional.of("by a"), b.report("2026-11-29"));
        }
    }

    @Test
    void theSameApplicationRunsOnSqliteByConfigurationOnly(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("reports.db");
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "store=sqlite:" + db + "\nnode=node-a\ntokenSecret=" + SECRET + "\n");

        assertEquals("published 2026-11-29 by node-a", run(file, "2026-11-29"));
        // A second run is a new process in production: its lease is still running, so it renews and publishes.
        assertEquals("published 2026-11-30 by node-a", run(file, "2026-11-30"));
        try (Steadfast reopened = Steadfast.open("sqlite:" + db)) {
            ReportLeader reader = new ReportLeader(new Leases(reopened.store(), reopened.clock()), reopened.store(),
                    "reader");
            assertEquals(Optional.of("report of 2026-11-29 by node-a"), reader.report("2026-11-29"));
        }
    }

    @Test
    void aMissingPropertyIsNamed() {
        Properties properties = new Properties();
        properties.setProperty("store", "memory:");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportsConfig.from(properties));
        assertTrue(e.getMessage().contains("'node' is missing"), e.getMessage());
    }

    private static ReportsConfig config(String store, String node) {
        Properties properties = new Properties();
        properties.setProperty("store", store);
        properties.setProperty("node", node);
        properties.setProperty("tokenSecret", SECRET);
        return ReportsConfig.from(properties);
    }

    private static String run(Path config, String day) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ReportsApp.main(new String[] {config.toString(), day});
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).strip();
    }
}
