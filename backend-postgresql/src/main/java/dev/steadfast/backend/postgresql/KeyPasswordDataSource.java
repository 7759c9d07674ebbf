package dev.steadfast.backend.postgresql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * pgjdbc's data source, with the client key's password ({@code sslpassword}) handed to the driver beside the URL
 * rather than in it. pgjdbc's data source puts every driver property into the URL it connects with, and logs that
 * URL (at FINE, on connecting and on failing to), so a key password set on it reaches any log that takes the
 * driver's debug output; the login password never did, as it travels beside the URL already.
 */
final class KeyPasswordDataSource extends PGSimpleDataSource {
    private static final long serialVersionUID = 1L;

    private final transient String keyPassword;

    KeyPasswordDataSource(String keyPassword) {
        this.keyPassword = keyPassword;
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        Properties secrets = new Properties();
        if (user != null) {
            secrets.setProperty("user", user);
        }
        if (password != null) {
            secrets.setProperty("password", password);
        }
        secrets.setProperty("sslpassword", keyPassword);
        Connection connection = new Driver().connect(getUrl(), secrets);
        if (connection == null) {
            throw new SQLException("pgjdbc did not accept its own URL for " + getServerNames()[0]);
        }
        return connection;
    }
}
