package dev.steadfast.backend.sqlite;

import dev.steadfast.jdbc.ConnectionSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection source whose write connections, once {@linkplain #arm armed}, stop at the next commit (SQLite's
 * prepared {@code COMMIT}, or {@link Connection#commit()}) until the test lets them go: a write transaction held
 * open, with every lock it took, at a point the test chose.
 */
final class PausedCommit implements ConnectionSource {
    private final ConnectionSource source;
    private final Map<Connection, Connection> proxies = new ConcurrentHashMap<>();
    private final AtomicBoolean armed = new AtomicBoolean();
    /** Counted down when the armed COMMIT is reached. */
    final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);

    PausedCommit(ConnectionSource source) {
        this.source = source;
    }

    /** The next COMMIT of a write connection waits for {@link #resume()}. */
    void arm() {
        armed.set(true);
    }

    /** Lets the paused COMMIT run. */
    void resume() {
        resume.countDown();
    }

    @Override
    public Connection borrow(Use use) throws SQLException {
        Connection real = source.borrow(use);
        return use == Use.READ ? real : proxies.computeIfAbsent(real, this::pausing);
    }

    @Override
    public void release(Connection connection, Use use, boolean broken) {
        Connection real = connection;
        for (Map.Entry<Connection, Connection> e : proxies.entrySet()) {
            if (e.getValue() == connection) {
                real = e.getKey();
            }
        }
        source.release(real, use, broken);
    }

    @Override
    public void close() {
        resume.countDown();
        source.close();
    }

    private Connection pausing(Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        pauseIfArmed();
                    }
                    Object result = call(method, real, args);
                    if (method.getName().equals("prepareStatement") && "COMMIT".equals(args[0])) {
                        PreparedStatement commit = (PreparedStatement) result;
                        return Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
                                    if (m.getName().startsWith("execute")) {
                                        pauseIfArmed();
                                    }
                                    return call(m, commit, a);
                                });
                    }
                    return result;
                });
    }

    private void pauseIfArmed() throws SQLException, InterruptedException {
        if (armed.compareAndSet(true, false)) {
            reached.countDown();
            if (!resume.await(60, TimeUnit.SECONDS)) {
                throw new SQLException("the test never let the paused COMMIT go");
            }
        }
    }

    private static Object call(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
