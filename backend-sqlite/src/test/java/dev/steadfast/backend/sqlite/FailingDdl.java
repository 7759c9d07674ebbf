package dev.steadfast.backend.sqlite;

import dev.steadfast.jdbc.ConnectionSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection source whose write connections fail the {@code n}-th {@code CREATE TABLE} with an I/O-like
 * {@link SQLException}, as a full disk would, after the ones before it ran for real.
 */
final class FailingDdl implements ConnectionSource {
    private final ConnectionSource source;
    private final int failing;
    private final AtomicInteger seen = new AtomicInteger();

    FailingDdl(ConnectionSource source, int failing) {
        this.source = source;
        this.failing = failing;
    }

    @Override
    public Connection borrow(Use use) throws SQLException {
        Connection real = source.borrow(use);
        if (use == Use.READ) {
            return real;
        }
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = call(real, method, args);
                    return method.getName().equals("createStatement")
                            ? Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                                    statement((Statement) result))
                            : result;
                });
    }

    private InvocationHandler statement(Statement real) {
        return (proxy, method, args) -> {
            if (method.getName().startsWith("execute") && args != null && args[0] instanceof String sql
                    && sql.toUpperCase(Locale.ROOT).startsWith("CREATE TABLE")
                    && seen.incrementAndGet() == failing) {
                throw new SQLException("injected: no space left on device", "HY000");
            }
            return call(real, method, args);
        };
    }

    private static Object call(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public void release(Connection connection, Use use, boolean broken) {
        Connection real = connection;
        if (Proxy.isProxyClass(connection.getClass())) {
            try {
                real = connection.unwrap(Connection.class);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        source.release(real, use, broken);
    }

    @Override
    public void close() {
        source.close();
    }
}
