package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreSpec;
import org.junit.jupiter.api.Test;

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
}
