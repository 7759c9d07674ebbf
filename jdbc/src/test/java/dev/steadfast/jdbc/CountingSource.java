package dev.steadfast.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link DriverManagerSource} whose connections count what a write costs the database: statement executions (a
 * JDBC batch counts once, as pgjdbc sends it in one round trip) and {@code commit} calls. Tests compare the counts
 * of groups of different sizes and shapes.
 */
final class CountingSource implements ConnectionSource {
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeUpdate", "executeQuery", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    private final DriverManagerSource source;
    final AtomicInteger executions = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();

    CountingSource(String url) throws SQLException {
        this.source = new DriverManagerSource(url);
    }

    void reset() {
        executions.set(0);
        commits.set(0);
    }

    @Override
    public Connection borrow(Use use) throws SQLException {
        Connection real = source.borrow(use);
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new Counting(real, true));
    }

    @Override
    public void release(Connection connection, Use use, boolean broken) {
        source.release(((Counting) Proxy.getInvocationHandler(connection)).target(), use, broken);
    }

    @Override
    public void close() {
        source.close();
    }

    private final class Counting implements InvocationHandler {
        private final Object target;
        private final boolean connection;

        Counting(Object target, boolean connection) {
            this.target = target;
            this.connection = connection;
        }

        Connection target() {
            return (Connection) target;
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (connection && name.equals("commit")) {
                commits.incrementAndGet();
            } else if (!connection && EXECUTIONS.contains(name)) {
                executions.incrementAndGet();
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (connection && (name.equals("prepareStatement") || name.equals("createStatement"))) {
                Class<?> type = name.equals("prepareStatement") ? PreparedStatement.class : Statement.class;
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                        new Counting(result, false));
            }
            return result;
        }
    }
}
