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

    /**
     * The scheme of each store provider of this project by class name, so that discovery can pass over the
     * providers of other schemes without loading them; {@code FirstPartyProviderSchemesTest} (cli, which has every
     * backend) checks each against the provider's own {@code scheme()}.
     */
    private static final Map<String, String> STORE_PROVIDERS = Map.of(
            "dev.steadfast.backend.inmemory.InMemoryStoreProvider", "memory",
            "dev.steadfast.backend.sqlite.SqliteStoreProvider", "sqlite",
            "dev.steadfast.backend.sqlite.H2StoreProvider", "h2",
            "dev.steadfast.backend.encryptedfile.EncryptedFileStoreProvider", "encrypted-file",
            "dev.steadfast.backend.postgresql.PostgresStoreProvider", "postgresql");
    private static final Map<String, String> TRANSPORT_PROVIDERS = Map.of(
            "dev.steadfast.transport.InprocTransportProvider", "inproc",
            "dev.steadfast.transport.tcp.TcpTransportProvider", "tcp");

    private FirstPartyArtifacts() {
    }

    static Optional<String> forScheme(String scheme) {
        return Optional.ofNullable(BY_SCHEME.get(scheme));
    }

    static Optional<String> schemeOfStoreProvider(String className) {
        return Optional.ofNullable(STORE_PROVIDERS.get(className));
    }

    static Optional<String> schemeOfTransportProvider(String className) {
        return Optional.ofNullable(TRANSPORT_PROVIDERS.get(className));
    }
}
