package dev.steadfast.testing;

import dev.steadfast.backend.postgresql.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;

/**
 * The one fixture of store backends the domain tests are parameterised over: every backend of the repo whose
 * provider is on the test class path. Use it as
 * {@code @MethodSource("dev.steadfast.testing.Backends#all")}. It prints which backends run (once per JVM), so a
 * missing backend shows up in the build output rather than passing silently.
 *
 * <p>PostgreSQL joins when a throwaway server can be started (the PostgreSQL module's {@link PostgresServer}); each
 * test directory maps to its own schema. Where no server can be started it is left out with one loud line, and on
 * CI ({@code CI=true}) that is a failure.
 */
public final class Backends {
    private static final List<Backend> CANDIDATES = List.of(
            new Backend("memory", dir -> "memory:"),
            new Backend("sqlite", dir -> "sqlite:" + dir.resolve("store.db")),
            new Backend("h2", dir -> "h2:" + dir.resolve("store")),
            new Backend("encrypted-file", dir -> "encrypted-file:" + dir.resolve("vault")
                    + "?keyset=" + dir.resolve("k.json") + "&createKeyset=true"),
            new Backend("postgresql", Backends::postgresqlUri));

    private static final List<Backend> AVAILABLE = discover();

    private Backends() {
    }

    /** The backends found, for {@code @MethodSource}. */
    public static Stream<Backend> all() {
        return AVAILABLE.stream();
    }

    /** The backends found whose stores survive their process, for {@code @MethodSource}. */
    public static Stream<Backend> durable() {
        return AVAILABLE.stream().filter(Backend::durable);
    }

    /** The backends found. */
    public static List<Backend> available() {
        return AVAILABLE;
    }

    /** The backend of {@code scheme}, if found. */
    public static java.util.Optional<Backend> find(String scheme) {
        return AVAILABLE.stream().filter(b -> b.scheme().equals(scheme)).findFirst();
    }

    /** The in-memory backend, which every test class path has. */
    public static Backend memory() {
        return find("memory").orElseThrow(() -> new IllegalStateException("no memory: provider on the class path"));
    }

    /** One schema per test directory, so that reopening a directory reopens the same store. */
    private static String postgresqlUri(Path dir) {
        UUID id = UUID.nameUUIDFromBytes(dir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
        return PostgresServer.shared().storeUri("core_" + id.toString().replace("-", ""));
    }

    private static boolean postgresqlServerStarts() {
        try {
            PostgresServer.shared();
            return true;
        } catch (TestAbortedException e) {
            return false; // SharedPostgres printed the loud line; on CI it throws instead of aborting
        }
    }

    private static List<Backend> discover() {
        List<Backend> found = CANDIDATES.stream()
                .filter(b -> Stores.provider(b.scheme()).isPresent())
                .filter(b -> !b.scheme().equals("postgresql") || postgresqlServerStarts())
                .toList();
        String line = "[steadfast] domain tests run against backends: "
                + found.stream().map(Backend::scheme).collect(Collectors.joining(", "))
                + " (schemes on class path: " + Stores.schemes() + ")";
        System.out.println(line);
        System.err.println(line);
        return found;
    }
}
