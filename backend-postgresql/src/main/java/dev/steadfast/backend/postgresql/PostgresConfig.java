package dev.steadfast.backend.postgresql;

import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@code postgresql://host:port/database?...} URI taken apart. The password is kept out of {@link #toString()}
 * and {@link #location()}, and no error message here ever contains it.
 */
record PostgresConfig(String host, int port, String database, String schema, String user, Optional<String> password,
                      PostgresTls tls, long connectTimeoutMs, long statementTimeoutMs, int poolSize, boolean create) {
    static final String DEFAULT_SCHEMA = "steadfast";
    private static final Set<String> OPTIONS = Stream.concat(Stream.of("schema", "user", "password", "passwordEnv",
            "passwordFile", "connectTimeoutMs", "statementTimeoutMs", "poolSize", "create"),
            PostgresTls.OPTIONS.stream()).collect(Collectors.toUnmodifiableSet());
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_.\\-]{1,63}");
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.\\-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}\\]");

    static PostgresConfig parse(StoreSpec spec) {
        refuseUserInfo(spec);
        spec.requireKnownOptions(OPTIONS);
        String location = spec.location();
        if (!location.startsWith("//")) {
            throw new StoreConfigurationException("store " + spec + " must look like "
                    + "postgresql://host:port/database?schema=name&user=name");
        }
        String authority = location.substring(2);
        int slash = authority.indexOf('/');
        if (slash < 0 || slash == authority.length() - 1) {
            throw new StoreConfigurationException("store " + spec + " names no database: expected "
                    + "postgresql://host:port/database");
        }
        String database = authority.substring(slash + 1);
        if (!DATABASE.matcher(database).matches()) {
            throw new StoreConfigurationException("store " + spec + " has an invalid database name '" + database
                    + "': expected 1 to 63 letters, digits, '_', '.' or '-'");
        }
        String hostPort = authority.substring(0, slash);
        if (hostPort.contains(",")) {
            // pgjdbc would take 'h:1,h:1' as a list; a store names one server, and a list printed as one
            // host:port pair would be mangled
            throw new StoreConfigurationException("store " + spec + " names more than one host ('" + hostPort
                    + "'); give exactly one host[:port]");
        }
        String host = hostPort;
        int port = 5432;
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && hostPort.indexOf(']', colon) < 0) {
            host = hostPort.substring(0, colon);
            port = parsePort(spec, hostPort.substring(colon + 1));
        }
        if (host.isEmpty()) {
            throw new StoreConfigurationException("store " + spec + " names no host");
        }
        if (!HOST.matcher(host).matches()) {
            throw new StoreConfigurationException("store " + spec + " has an invalid host '" + host + "': expected "
                    + "a DNS name, an IPv4 address or a bracketed IPv6 address such as [::1]");
        }
        String schema = spec.option("schema", DEFAULT_SCHEMA);
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new StoreConfigurationException("option 'schema' of store " + spec + " must be a plain SQL name "
                    + "(letters, digits, underscore, at most 63), was '" + schema + "'");
        }
        String user = spec.option("user", System.getProperty("user.name"));
        return new PostgresConfig(host, port, database, schema, user, password(spec), PostgresTls.parse(spec),
                spec.longOption("connectTimeoutMs", 10_000, 250, 600_000),
                spec.longOption("statementTimeoutMs", 30_000, 0, 3_600_000),
                (int) spec.longOption("poolSize", 10, 1, 1_000), spec.booleanOption("create", true));
    }

    /**
     * Refuses libpq's {@code user:password@host} form before any message prints the location: the spec shows its
     * location as given, so a password there would reach the error message; neither host names nor database names
     * may hold an '@', so the last one ends the user part.
     */
    private static void refuseUserInfo(StoreSpec spec) {
        String location = spec.location();
        int at = location.lastIndexOf('@');
        if (!location.startsWith("//") || at < 0) {
            return;
        }
        String userInfo = location.substring(2, at);
        String rest = location.substring(at + 1);
        if (userInfo.contains(":")) {
            throw new StoreConfigurationException("store postgresql://***@" + rest + " gives a user and password "
                    + "before the host (not shown); give them as options instead, so that no password is part of "
                    + "the store's printed location: postgresql://" + rest + "?user=NAME&passwordEnv=VARIABLE "
                    + "(or passwordFile=PATH)");
        }
        throw new StoreConfigurationException("store postgresql:" + location + " gives the user before the host; "
                + "give it as an option instead: postgresql://" + rest + "?user=" + userInfo);
    }

    private static int parsePort(StoreSpec spec, String raw) {
        try {
            int port = Integer.parseInt(raw);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new StoreConfigurationException("store " + spec + " has an invalid port '" + raw
                + "': expected a whole number from 1 to 65535");
    }

    private static Optional<String> password(StoreSpec spec) {
        int given = (spec.option("password").isPresent() ? 1 : 0) + (spec.option("passwordEnv").isPresent() ? 1 : 0)
                + (spec.option("passwordFile").isPresent() ? 1 : 0);
        if (given > 1) {
            throw new StoreConfigurationException("store " + spec
                    + " gives more than one of password, passwordEnv and passwordFile; give one");
        }
        Optional<String> env = spec.option("passwordEnv");
        if (env.isPresent()) {
            String value = System.getenv(env.get());
            if (value == null) {
                throw new StoreConfigurationException("environment variable '" + env.get()
                        + "' named by option 'passwordEnv' of store " + spec + " is not set");
            }
            return Optional.of(value);
        }
        Optional<String> file = spec.option("passwordFile");
        if (file.isPresent()) {
            try {
                Path path = Path.of(file.get());
                String password = Files.readString(path, StandardCharsets.UTF_8).strip();
                PostgresWarnings.exposedSecretFile(path, "passwordFile");
                return Optional.of(password);
            } catch (IOException | RuntimeException e) {
                throw new StoreConfigurationException("cannot read the password file '" + file.get()
                        + "' named by option 'passwordFile' of store " + spec + ": " + e.getClass().getSimpleName());
            }
        }
        return spec.option("password");
    }

    /** Where the store lives, printable: no password. */
    String location() {
        return "//" + hostAndPort() + "/" + database + "?schema=" + schema + "&user=" + user;
    }

    /** {@code host:port}, for error messages. */
    String hostAndPort() {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "postgresql:" + location() + (password.isPresent() ? " (password set)" : "") + " " + tls;
    }
}
