package dev.steadfast.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Opens a connection per borrow and closes it on release; counts what is out, so tests can see leaks. */
final class DriverManagerSource implements ConnectionSource {
    private final String url;
    private final Connection keepAlive;
    final AtomicInteger borrowed = new AtomicInteger();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    DriverManagerSource(String url) throws SQLException {
        this.url = url;
        this.keepAlive = DriverManager.getConnection(url);
    }

    @Override
    public Connection borrow(Use use) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        borrowed.incrementAndGet();
        open.add(c);
        return c;
    }

    @Override
    public void release(Connection connection, Use use, boolean broken) {
        borrowed.decrementAndGet();
        open.remove(connection);
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a test source
        }
    }

    @Override
    public void close() {
        try {
            keepAlive.close();
        } catch (SQLException ignored) {
            // a test source
        }
    }
}
