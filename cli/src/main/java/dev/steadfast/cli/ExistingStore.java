package dev.steadfast.cli;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.StoreSpec;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Opens a store that must already exist. Opening a file-backed store creates it when it is missing, which for a
 * command that only reads would turn a mistyped path into a new, empty, "healthy" store; so the file a URI names
 * is looked for first, and backends that would create tables on open (in an empty file, or a new schema on a
 * server) are asked for {@code create=false}, which fails with "no such store" instead and leaves the database as
 * it was; encrypted-file and H2 files open in their read-only modes. Knows only URIs, never backend classes.
 */
final class ExistingStore {
    private static final Set<String> CREATE_OPTION = Set.of("sqlite", "h2", "postgresql");

    private ExistingStore() {
    }

    /**
     * Opens {@code uri} for a command that only reads, after checking that the file or directory it names exists:
     * backends that would create tables on open get {@code create=false}, and encrypted-file and H2 files get their
     * read-only mode ({@code readOnly=true}), so that reading never creates, cuts, migrates, cleans up or rewrites
     * anything. A URI that already says {@code readOnly} or {@code create=false} is taken as it is.
     *
     * @throws CommandFailure with {@link ExitCodes#STORE_UNAVAILABLE} when the store does not exist, or
     *     {@link ExitCodes#USAGE} when the URI asks for {@code create=true}
     */
    static Steadfast openReadOnly(String uri) {
        StoreSpec spec = StoreSpec.parse(uri);
        requireExists(spec);
        boolean readOnlyMode = spec.scheme().equals("encrypted-file")
                || spec.scheme().equals("h2") && requiredPath(spec).isPresent(); // not h2:mem:
        if (readOnlyMode && spec.option("readOnly").isEmpty()) {
            return Steadfast.open(uri + (uri.contains("?") ? "&" : "?") + "readOnly=true");
        }
        return Steadfast.open(existingOnly(uri, spec));
    }

    /** @throws CommandFailure with {@link ExitCodes#STORE_UNAVAILABLE} when the file {@code spec} names is missing */
    static void requireExists(StoreSpec spec) {
        Optional<Path> required = requiredPath(spec);
        if (required.isPresent() && !Files.exists(required.get())) {
            throw new CommandFailure(ExitCodes.STORE_UNAVAILABLE, "store " + spec + " does not exist: no "
                    + required.get().toAbsolutePath().normalize() + " (this command never creates a store)");
        }
    }

    /** {@code uri} with {@code create=false} for the schemes that take it; a {@code create=true} is refused. */
    static String existingOnly(String uri, StoreSpec spec) {
        if (!CREATE_OPTION.contains(spec.scheme())) {
            return uri;
        }
        if (spec.option("create").isPresent()) {
            if (spec.booleanOption("create", true)) {
                throw new CommandFailure(ExitCodes.USAGE, "store " + spec + " asks for create=true, but this "
                        + "command only reads and never creates a store; drop the option");
            }
            return uri;
        }
        return uri + (uri.contains("?") ? "&" : "?") + "create=false";
    }

    /** The file or directory a file-backed store lives in; empty for stores in memory or on a server. */
    static Optional<Path> requiredPath(StoreSpec spec) {
        String location = spec.location();
        if (location.isBlank()) {
            return Optional.empty();
        }
        try {
            return switch (spec.scheme()) {
                case "sqlite" -> location.startsWith(":memory:") ? Optional.empty() : Optional.of(Path.of(location));
                case "h2" -> location.startsWith("mem:") ? Optional.empty() : Optional.of(Path.of(location + ".mv.db"));
                case "encrypted-file" -> Optional.of(Path.of(location));
                default -> Optional.empty();
            };
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
