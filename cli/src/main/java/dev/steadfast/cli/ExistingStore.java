package dev.steadfast.cli;

import dev.steadfast.Steadfast;
import dev.steadfast.spi.StoreSpec;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens a store that must already exist. Opening a file-backed store creates it when it is missing, which for a
 * command that only reads would turn a mistyped path into a new, empty, "healthy" store; so the file a URI names
 * is looked for first. Knows only URIs, never backend classes.
 */
final class ExistingStore {
    private ExistingStore() {
    }

    /**
     * Opens {@code uri} after checking that the file or directory it names exists.
     *
     * @throws CommandFailure with {@link ExitCodes#STORE_UNAVAILABLE} when it does not
     */
    static Steadfast open(String uri) {
        requireExists(StoreSpec.parse(uri));
        return Steadfast.open(uri);
    }

    /**
     * Opens {@code uri} for a command that only reads: like {@link #open}, and where the backend has a read-only
     * mode (encrypted-file: {@code readOnly=true}) in it, so that reading never cuts, migrates or cleans up
     * anything. A URI that already says {@code readOnly} is taken as it is.
     */
    static Steadfast openReadOnly(String uri) {
        StoreSpec spec = StoreSpec.parse(uri);
        requireExists(spec);
        if (spec.scheme().equals("encrypted-file") && spec.option("readOnly").isEmpty()) {
            return Steadfast.open(uri + (uri.contains("?") ? "&" : "?") + "readOnly=true");
        }
        return Steadfast.open(uri);
    }

    /** @throws CommandFailure with {@link ExitCodes#STORE_UNAVAILABLE} when the file {@code spec} names is missing */
    static void requireExists(StoreSpec spec) {
        Optional<Path> required = requiredPath(spec);
        if (required.isPresent() && !Files.exists(required.get())) {
            throw new CommandFailure(ExitCodes.STORE_UNAVAILABLE, "store " + spec + " does not exist: no "
                    + required.get().toAbsolutePath().normalize() + " (this command never creates a store)");
        }
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
