package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Taking a {@code postgresql:} URI apart, before any connection: what is refused, and what the refusal shows. */
class PostgresUriTest {
    private static final String SECRET = "S3cretUserinfo";

    @Test
    void userAndPasswordBeforeTheHostAreRefusedWithoutShowingThePassword() {
        for (String uri : new String[] {"postgresql://svc:" + SECRET + "@db.internal:5432/app?schema=s",
                "postgresql://svc:" + SECRET + "@db.internal:5432/app?schema=s&pool=3",
                "postgresql://svc:" + SECRET + "@db.internal/app"}) {
            StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                    () -> PostgresConfig.parse(StoreSpec.parse(uri)));
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains(SECRET), "password leaked in " + t);
            }
            assertTrue(e.getMessage().contains("user=") && e.getMessage().contains("passwordEnv"), e.getMessage());
            assertTrue(e.getMessage().contains("db.internal"), e.getMessage());
        }
    }

    @Test
    void userNameBeforeTheHostIsRefusedNamingTheUserOption() {
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                () -> PostgresConfig.parse(StoreSpec.parse("postgresql://svc@db.internal:5432/app")));
        assertTrue(e.getMessage().contains("user=svc"), e.getMessage());
    }

    @Test
    void sslrootcertUnderAModeThatChecksNoCertificateIsRefusedNamingTheMode(@TempDir Path dir) throws IOException {
        Path root = Files.writeString(dir.resolve("root.crt"), "not read at parse time");
        for (String mode : new String[] {"allow", "prefer", "require"}) {
            StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                    () -> PostgresConfig.parse(StoreSpec.parse("postgresql://db.internal/app?sslmode=" + mode
                            + "&sslrootcert=" + root)));
            assertTrue(e.getMessage().contains("'sslrootcert'") && e.getMessage().contains("verify-full")
                    && e.getMessage().contains("sslmode=" + mode), e.getMessage());
        }
    }

    @Test
    void sslrootcertWithoutSslmodeMeansVerifyFull(@TempDir Path dir) throws IOException {
        Path root = Files.writeString(dir.resolve("root.crt"), "not read at parse time");
        PostgresConfig config = PostgresConfig.parse(StoreSpec.parse("postgresql://db.internal/app?sslrootcert="
                + root));
        assertTrue(config.tls().verifiesServer(), config.toString());
        assertTrue(config.toString().contains("sslmode=verify-full"), config.toString());
    }

    @Test
    void aBadPortOrDatabaseNameIsRefusedNamingTheExpectedAndTheFoundValue() {
        for (String port : new String[] {"99999", "0", "x"}) {
            StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                    () -> PostgresConfig.parse(StoreSpec.parse("postgresql://db.internal:" + port + "/app")));
            assertTrue(e.getMessage().contains("'" + port + "'") && e.getMessage().contains("1 to 65535"),
                    e.getMessage());
        }
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                () -> PostgresConfig.parse(StoreSpec.parse("postgresql://db.internal/my%20app")));
        assertTrue(e.getMessage().contains("'my%20app'") && e.getMessage().contains("letters, digits"),
                e.getMessage());
    }
}
