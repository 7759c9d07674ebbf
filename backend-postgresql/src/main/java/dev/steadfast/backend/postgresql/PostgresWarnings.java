package dev.steadfast.backend.postgresql;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loud warnings about settings that work but are unsafe, through {@link System.Logger} (named after this package),
 * so they reach whatever logging the application routes the JDK's logger to.
 */
final class PostgresWarnings {
    static final String LOGGER = "dev.steadfast.backend.postgresql";
    private static final System.Logger LOG = System.getLogger(LOGGER);
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private PostgresWarnings() {
    }

    /**
     * Warns when the connection to a host that is not this machine does not verify the server's certificate and
     * host name: anyone on the path could then read the traffic or answer in the server's place, acknowledging
     * writes that never reach it.
     */
    static void unverifiedRemote(PostgresConfig config) {
        if (!config.tls().verifiesServer() && !isLoopback(config.host())) {
            LOG.log(Level.WARNING, "PostgreSQL store " + config.location() + " connects to a host that is not this "
                    + "machine without verifying the server (" + config.tls().describe() + "): the traffic may be "
                    + "cleartext, and a man in the middle can read it or impersonate the server. Add "
                    + "sslmode=verify-full&sslrootcert=/path/to/root.crt to the store URI.");
        }
    }

    /**
     * Warns, as libpq does for {@code .pgpass} and client keys, when a file holding a secret (named by
     * {@code option}) may be read by other users.
     */
    static void exposedSecretFile(Path file, String option) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
            return; // no POSIX permissions to judge (or the file just vanished: reading it already succeeded)
        }
        boolean exposed = permissions.stream().anyMatch(p -> p.name().startsWith("GROUP_")
                || p.name().startsWith("OTHERS_"));
        if (exposed) {
            LOG.log(Level.WARNING, "the file " + file.toAbsolutePath() + " named by option '" + option + "' "
                    + "has permissions " + PosixFilePermissions.toString(permissions) + ": other users may read "
                    + "it; restrict it to its owner (chmod 600)");
        }
    }

    /** This machine, judged from the name alone (no DNS lookup at open). */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || LOOPBACK_V4.matcher(h).matches();
    }
}
