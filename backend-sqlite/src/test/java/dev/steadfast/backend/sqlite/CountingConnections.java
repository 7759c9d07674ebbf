package dev.steadfast.backend.sqlite;

import dev.steadfast.jdbc.ConnectionSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection source over one JDBC URL, one connection per use (the store's single writer reuses its write
 * connection), whose connections count what a write costs the database: statement executions (SQLite's
 * {@code BEGIN IMMEDIATE} and {@code COMMIT} are statements too) and {@code commit} calls.
 */
final class CountingConnections implements ConnectionSource {
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeUpdate", "executeQuery", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    private final String url;
    private final String setup;
    private final Map<Use, Connection> open = new EnumMap<>(Use.class);
    final AtomicInteger executions = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();

    /** Connections to {@code url}, each first running {@code setup} (uncounted) unless it is null. */
    CountingConnections(String url, String setup) {
        this.url = url;
        this.setup = setup;
    }

    void reset() {
        executions.set(0);
        commits.set(0);
    }

    @Override
    public synchronized Connection borrow(Use use) throws SQLException {
        Connection c = open.get(use);
        if (c == null) {
            Connection real = DriverManager.getConnection(url);
            if (setup != null) {
                try (Statement s = real.createStatement()) {
                    s.execute(setup);
                }
            }
            c = proxy(Connection.class, counting(real));
            open.put(use, c);
        }
        return c;
    }

    @Override
    public synchronized void release(Connection connection, Use use, boolean broken) {
        if (broken) {
            open.remove(use);
            close(connection);
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(CountingConnections::close);
        open.clear();
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing a test connection: nothing left to do
        }
    }

    private InvocationHandler counting(Connection c) {
        return (p, m, a) -> {
            if (m.getName().equals("commit")) {
                commits.incrementAndGet();
            }
            Object result = call(c, m, a);
            if (m.getName().equals("prepareStatement") || m.getName().equals("createStatement")) {
                Statement s = (Statement) result;
                Class<? extends Statement> type = m.getName().equals("prepareStatement")
                        ? java.sql.PreparedStatement.class : Statement.class;
                return proxy(type, (p2, m2, a2) -> {
                    if (EXECUTIONS.contains(m2.getName())) {
                        executions.incrementAndGet();
                    }
                    return call(s, m2, a2);
                });
            }
            return result;
        };
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(CountingConnections.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
