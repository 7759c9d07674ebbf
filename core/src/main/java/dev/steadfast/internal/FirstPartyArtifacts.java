package dev.steadfast.internal;

import java.util.Map;
import java.util.Optional;

/**
 * The artifact to add for each store or transport scheme served in this project, for "unknown scheme" errors. Strings only: the core
 * never names or loads a backend class.
 */
final class FirstPartyArtifacts {
    private static final String GROUP = "dev.steadfast:";
    private static final Map<String, String> BY_SCHEME = Map.of(
            "memory", GROUP + "steadfast-backend-inmemory",
            "sqlite", GROUP + "steadfast-backend-sqlite",
            "h2", GROUP + "steadfast-backend-sqlite (with com.h2database:h2)",
            "encrypted-file", GROUP + "steadfast-backend-encrypted-file",
            "postgresql", GROUP + "steadfast-backend-postgresql",
            "inproc", GROUP + "steadfast-core",
            "tcp", GROUP + "steadfast-transport-tcp");

    private FirstPartyArtifacts() {
    }

    static Optional<String> forScheme(String scheme) {
        return Optional.ofNullable(BY_SCHEME.get(scheme));
    }
}
