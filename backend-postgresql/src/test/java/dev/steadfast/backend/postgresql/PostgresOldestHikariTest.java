package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store on the oldest HikariCP its README promises (4.0.3, which Pekko's Slick brings), in a child JVM whose
 * class path has that jar in place of the managed version: it opens (schema created), appends, refuses a stale
 * append, changes a fence, refuses a write under a stale fence, and keeps working after the server killed its
 * connections (the pool's eviction path).
 */
class PostgresOldestHikariTest {

    @Test
    void storeOpensWritesAndRecoversFromKilledConnectionsOnTheOldestSupportedHikariCp() {
        PostgresServer server = PostgresServer.shared();
        Path oldest = Path.of(System.getProperty("steadfast.oldestHikariJar", "missing-oldest-hikari.jar"));
        assertTrue(Files.isRegularFile(oldest), "the build copies the oldest HikariCP to " + oldest);
        List<String> classPath = new ArrayList<>();
        classPath.add(oldest.toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!Path.of(entry).getFileName().toString().startsWith("HikariCP-")) {
                classPath.add(entry);
            }
        }
        String uri = PgStores.uri(PgStores.freshSchema("oldest_hikari"), "");
        try (ChildJvm child = ChildJvm.startWithClassPath(String.join(File.pathSeparator, classPath),
                HikariVersionChild.class, uri)) {
            assertEquals("hikari " + oldest.getFileName(), child.nextLine(60));
            assertEquals("ready", child.nextLine(60));
            assertEquals("ok", command(child, "append s 0 a"));
            assertTrue(command(child, "append s 0 b").startsWith("conflict SequenceConflict"));
            assertEquals("ok", command(child, "take f owner 0 1"));
            assertEquals("ok", command(child, "guarded f 1 s 1 b"));
            assertEquals("ok", command(child, "take f other 1 2"));
            assertTrue(command(child, "guarded f 1 s 2 c").startsWith("conflict FencedOut"));

            assertTrue(server.terminateBackends("application_name = 'steadfast'") > 0,
                    "the child's pool holds connections");
            // The first call may meet a dead connection (a StoreException, the pool evicts); a later one succeeds.
            String after = command(child, "append s 2 c");
            if (after.startsWith("error")) {
                after = command(child, "append s 2 c");
            }
            assertEquals("ok", after);
            assertEquals("ok", command(child, "append s 3 d"));
        }
    }

    private static String command(ChildJvm child, String line) {
        child.send(line);
        return child.nextLine(60);
    }
}
