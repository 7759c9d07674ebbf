package dev.steadfast.backend.postgresql;

import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreSpec;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The TLS options of a {@code postgresql:} URI, an allow-list handed to pgjdbc as named properties (never as a
 * raw connection string, so no other driver property can be smuggled in). The meanings are libpq's: {@code sslmode}
 * {@code disable}, {@code allow}, {@code prefer} (the driver's default), {@code require} (encrypted, certificate not
 * checked), {@code verify-ca} (certificate signed by {@code sslrootcert}) or {@code verify-full} (that, and issued
 * to the host name in the URI); {@code sslcert}/{@code sslkey} a client certificate and its key,
 * {@code sslpassword} the key's password (a secret: redacted like {@code password}). An {@code sslrootcert} without
 * {@code sslmode} means {@code verify-full}, and with a mode that checks no certificate it is refused: pgjdbc
 * would ignore it, and a root given to prove the server would silently prove nothing.
 *
 * @param mode     the {@code sslmode}, or empty for the driver's default ({@code prefer})
 * @param rootCert {@code sslrootcert}: PEM file of the certificates trusted to sign the server's
 * @param cert     {@code sslcert}: PEM file of the client certificate
 * @param key      {@code sslkey}: the client key, PKCS-8 DER ({@code .pk8}) or PKCS-12 ({@code .p12})
 * @param keyPassword {@code sslpassword}: the client key's password
 */
record PostgresTls(Optional<String> mode, Optional<Path> rootCert, Optional<Path> cert, Optional<Path> key,
                   Optional<String> keyPassword) {
    static final Set<String> OPTIONS = Set.of("sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword");
    private static final List<String> MODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");

    static PostgresTls parse(StoreSpec spec) {
        Optional<String> mode = spec.option("sslmode").map(m -> m.trim().toLowerCase(Locale.ROOT));
        if (mode.isPresent() && !MODES.contains(mode.get())) {
            throw new StoreConfigurationException("option 'sslmode' of store " + spec + " must be one of " + MODES
                    + ", was '" + spec.option("sslmode").orElse("") + "'");
        }
        Optional<Path> cert = file(spec, "sslcert");
        Optional<Path> key = file(spec, "sslkey");
        key.ifPresent(k -> PostgresWarnings.exposedSecretFile(k, "sslkey"));
        if (cert.isPresent() != key.isPresent()) {
            String given = cert.isPresent() ? "sslcert" : "sslkey";
            String missing = cert.isPresent() ? "sslkey" : "sslcert";
            throw new StoreConfigurationException("store " + spec + " gives " + given + " without " + missing
                    + "; a client certificate needs both");
        }
        if (mode.isPresent() && mode.get().equals("disable") && (cert.isPresent() || spec.option("sslrootcert")
                .isPresent())) {
            throw new StoreConfigurationException("store " + spec + " gives sslmode=disable together with "
                    + "certificates; drop one or the other");
        }
        Optional<Path> rootCert = file(spec, "sslrootcert");
        if (rootCert.isPresent() && mode.isEmpty()) {
            // a root certificate is given to check the server against; the driver's default (prefer) would
            // ignore it and fall back to cleartext, so the mode that uses it is implied
            mode = Optional.of("verify-full");
        }
        if (rootCert.isPresent() && !mode.get().startsWith("verify-")) {
            throw new StoreConfigurationException("option 'sslrootcert' of store " + spec + " is read only with "
                    + "sslmode verify-ca or verify-full, was sslmode=" + mode.get() + ", under which the server's "
                    + "certificate is not checked against it; use sslmode=verify-full, or drop sslrootcert");
        }
        return new PostgresTls(mode, rootCert, cert, key, spec.option("sslpassword"));
    }

    private static Optional<Path> file(StoreSpec spec, String option) {
        Optional<String> raw = spec.option(option);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(raw.get());
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new StoreConfigurationException("file '" + raw.get() + "' named by option '" + option
                        + "' of store " + spec + " does not exist or cannot be read");
            }
            return Optional.of(path);
        } catch (InvalidPathException e) {
            throw new StoreConfigurationException("option '" + option + "' of store " + spec
                    + " is not a valid path: '" + raw.get() + "'", e);
        }
    }

    /** True when the server's certificate is checked against a trusted root and the host name. */
    boolean verifiesServer() {
        return mode.map("verify-full"::equals).orElse(false);
    }

    /** What a store descriptor or warning may print: the mode, never a file's content or the key password. */
    String describe() {
        return "sslmode=" + mode.orElse("prefer (default)");
    }

    /** Sets the TLS options on {@code pg}, all but the key password, which {@link KeyPasswordDataSource} hands over. */
    void applyTo(PGSimpleDataSource pg) {
        mode.ifPresent(pg::setSslMode);
        rootCert.ifPresent(p -> pg.setSslRootCert(p.toAbsolutePath().toString()));
        cert.ifPresent(p -> pg.setSslCert(p.toAbsolutePath().toString()));
        key.ifPresent(p -> pg.setSslKey(p.toAbsolutePath().toString()));
    }

    @Override
    public String toString() {
        return describe() + rootCert.map(p -> " sslrootcert=" + p).orElse("")
                + cert.map(p -> " sslcert=" + p).orElse("") + key.map(p -> " sslkey=" + p).orElse("")
                + (keyPassword.isPresent() ? " (key password set)" : "");
    }
}
