package dev.steadfast.backend.postgresql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.StoreException;
import dev.steadfast.spi.StoreSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the driver's and the pool's logging turned all the way up, no secret of the URI is in what they log. */
class DriverLogSecretsTest {
    private static final String PASSWORD = "Pw0rdInTheLog";
    private static final String KEY_PASSWORD = "KeyPw0rdInTheLog";

    @Test
    void neitherPasswordNorSslpasswordReachesTheDriversOrThePoolsLog(@TempDir Path dir) throws IOException {
        Path cert = Files.writeString(dir.resolve("client.crt"), "unused: the connection never gets that far");
        Path key = Files.writeString(dir.resolve("client.pk8"), "unused");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String uri = "postgresql://127.0.0.1:" + closedPort + "/app?user=svc&password=" + PASSWORD
                + "&sslmode=require&sslcert=" + cert + "&sslkey=" + key + "&sslpassword=" + KEY_PASSWORD
                + "&connectTimeoutMs=1000";
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                logged.add(format.formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        List<Logger> loggers = List.of(Logger.getLogger("org.postgresql"), Logger.getLogger("com.zaxxer.hikari"));
        for (Logger logger : loggers) {
            logger.setLevel(Level.ALL);
            logger.addHandler(capture);
        }
        try {
            assertThrows(StoreException.class, () -> new PostgresStoreProvider().open(StoreSpec.parse(uri)));
        } finally {
            for (Logger logger : loggers) {
                logger.removeHandler(capture);
                logger.setLevel(null);
            }
        }
        assertTrue(logged.stream().anyMatch(m -> m.contains(String.valueOf(closedPort))), logged::toString);
        for (String message : logged) {
            assertFalse(message.contains(PASSWORD) || message.contains(KEY_PASSWORD), "secret logged: " + message);
        }
    }
}
