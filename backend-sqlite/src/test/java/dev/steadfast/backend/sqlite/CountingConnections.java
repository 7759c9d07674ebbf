package dev.steadfast.backend.sqlite;

import dev.steadfast.jdbc.ConnectionSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection source whose write connections count what a write costs the database: statement executions (a JDBC
 * batch counts once), {@code commit} calls, and executions while the connection was in auto-commit mode (each one
 * a transaction of its own). Tests compare the counts of writes of different shapes and sizes.
 */
final class CountingConnections implements ConnectionSource {
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeUpdate", "executeQuery", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    private final ConnectionSource source;
    final AtomicInteger executions = new AtomicInteger();
    final AtomicInteger autoCommitted = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();

    CountingConnections(ConnectionSource source) {
        this.source = source;
    }

    /** Counting connections to {@code url}, pooled as the store pools them, each first running {@code setup}. */
    static CountingConnections to(String url, String setup) {
        return new CountingConnections(new PooledSource(use -> {
            Connection c = DriverManager.getConnection(url);
            if (setup != null) {
                try (Statement s = c.createStatement()) {
                    s.execute(setup);
                }
            }
            return c;
        }));
    }

    void reset() {
        executions.set(0);
        autoCommitted.set(0);
        commits.set(0);
    }

    @Override
    public Connection borrow(Use use) throws SQLException {
        Connection real = source.borrow(use);
        if (use == Use.READ) {
            return real;
        }
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new Counting(real, real));
    }

    @Override
    public void release(Connection connection, Use use, boolean broken) {
        Connection real = Proxy.isProxyClass(connection.getClass())
                ? ((Counting) Proxy.getInvocationHandler(connection)).connection : connection;
        source.release(real, use, broken);
    }

    @Override
    public void close() {
        source.close();
    }

    private final class Counting implements InvocationHandler {
        private final Object target;
        private final Connection connection;

        Counting(Object target, Connection connection) {
            this.target = target;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            boolean onConnection = target == connection;
            if (onConnection && name.equals("commit")) {
                commits.incrementAndGet();
            } else if (!onConnection && EXECUTIONS.contains(name)) {
                executions.incrementAndGet();
                if (connection.getAutoCommit()) {
                    autoCommitted.incrementAndGet();
                }
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (onConnection && (name.equals("prepareStatement") || name.equals("createStatement"))) {
                Class<?> type = name.equals("prepareStatement") ? PreparedStatement.class : Statement.class;
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                        new Counting(result, connection));
            }
            return result;
        }
    }
}
