package dev.steadfast.backend.postgresql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source whose connections count the store's statement executions (prepared statements only, so that the
 * settings {@code PostgresStoreProvider.open(DataSource, schema)} sets on every borrowed connection do not count;
 * a JDBC batch counts once, as pgjdbc sends it in one round trip), the statements added to JDBC batches (each one
 * the server parses and runs on its own) and {@code commit} calls.
 */
final class CountingDataSource {
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeUpdate", "executeQuery", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    final AtomicInteger executions = new AtomicInteger();
    final AtomicInteger batched = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();
    final DataSource dataSource;

    CountingDataSource(DataSource real) {
        this.dataSource = proxy(DataSource.class, (p, m, a) -> {
            Object result = call(real, m, a);
            return m.getName().equals("getConnection") ? proxy(Connection.class, counting((Connection) result))
                    : result;
        });
    }

    void reset() {
        executions.set(0);
        batched.set(0);
        commits.set(0);
    }

    private InvocationHandler counting(Connection c) {
        return (p, m, a) -> {
            if (m.getName().equals("commit")) {
                commits.incrementAndGet();
            }
            Object result = call(c, m, a);
            if (m.getName().equals("prepareStatement")) {
                PreparedStatement ps = (PreparedStatement) result;
                return proxy(PreparedStatement.class, (p2, m2, a2) -> {
                    if (EXECUTIONS.contains(m2.getName())) {
                        executions.incrementAndGet();
                    } else if (m2.getName().equals("addBatch")) {
                        batched.incrementAndGet();
                    }
                    return call(ps, m2, a2);
                });
            }
            return result;
        };
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type},
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
