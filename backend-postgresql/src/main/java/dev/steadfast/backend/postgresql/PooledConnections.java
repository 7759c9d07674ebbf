package dev.steadfast.backend.postgresql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.steadfast.jdbc.ConnectionSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Connections from a HikariCP pool over pgjdbc, opened with the URI's settings. A connection the store saw break
 * is evicted with every other pooled one, so after a server restart or a killed backend the pool refills with
 * fresh connections by itself.
 */
final class PooledConnections implements ConnectionSource {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final HikariDataSource pool;

    private PooledConnections(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Starts the pool and opens its first connection.
     *
     * @throws RuntimeException from HikariCP when the first connection cannot be made (the caller translates it)
     */
    static PooledConnections start(PostgresConfig config) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setServerNames(new String[] {config.host()});
        pg.setPortNumbers(new int[] {config.port()});
        pg.setDatabaseName(config.database());
        pg.setUser(config.user());
        config.password().ifPresent(pg::setPassword);
        config.tls().applyTo(pg);
        int connectSeconds = (int) Math.max(1, (config.connectTimeoutMs() + 999) / 1000);
        pg.setConnectTimeout(connectSeconds);
        pg.setLoginTimeout(connectSeconds);
        // a server that vanishes without closing the socket (a partition, a dead host) must not hang a call:
        // no answer within the statement timeout plus a margin means the connection is gone
        if (config.statementTimeoutMs() > 0) {
            pg.setSocketTimeout((int) (config.statementTimeoutMs() / 1000) + 10);
        }
        pg.setTcpKeepAlive(true);
        pg.setApplicationName("steadfast");
        pg.setOptions(PostgresSession.startupOptions(config.schema(), config.statementTimeoutMs()));

        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("steadfast-postgresql-" + POOLS.incrementAndGet());
        hikari.setDataSource(pg);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(config.connectTimeoutMs());
        hikari.setValidationTimeout(Math.min(5_000, config.connectTimeoutMs()));
        hikari.setAutoCommit(true);
        return new PooledConnections(new HikariDataSource(hikari));
    }

    @Override
    public Connection borrow(Use use) throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void release(Connection connection, Use use, boolean broken) {
        if (broken) {
            pool.evictConnection(connection);
            // a lost connection usually means the server restarted or failed over: every pooled connection is
            // as dead as this one, so replace them all now rather than fail one more call per connection
            pool.getHikariPoolMXBean().softEvictConnections();
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            pool.evictConnection(connection);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
