package dev.steadfast.backend.postgresql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.steadfast.jdbc.ConnectionSource;
import dev.steadfast.spi.StoreGauge;
import dev.steadfast.spi.StoreMonitor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Connections from a HikariCP pool over pgjdbc, opened with the URI's settings. A connection the store saw break
 * is evicted with every other pooled one, so after a server restart or a killed backend the pool refills with
 * fresh connections by itself. The loss and the first call that works again are logged and reported as a
 * reconnect.
 */
final class PooledConnections implements ConnectionSource {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final HikariDataSource pool;
    private final Reconnects reconnects;

    private PooledConnections(HikariDataSource pool, String location) {
        this.pool = pool;
        this.reconnects = new Reconnects(location);
    }

    /**
     * Starts the pool and opens its first connection.
     *
     * @throws RuntimeException from HikariCP when the first connection cannot be made (the caller translates it)
     */
    static PooledConnections start(PostgresConfig config) {
        PGSimpleDataSource pg = config.tls().keyPassword().isPresent()
                ? new KeyPasswordDataSource(config.tls().keyPassword().get()) : new PGSimpleDataSource();
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
        return new PooledConnections(new HikariDataSource(hikari), config.location());
    }

    @Override
    public Connection borrow(Use use) throws SQLException {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            // HikariCP gives the reason it could not connect as the cause; without one the pool was only busy
            if (e.getCause() != null) {
                reconnects.lost();
            }
            throw e;
        }
    }

    @Override
    public void release(Connection connection, Use use, boolean broken) {
        if (broken) {
            reconnects.lost();
            pool.evictConnection(connection);
            // a lost connection usually means the server restarted or failed over: every pooled connection is
            // as dead as this one, so replace them all now rather than fail one more call per connection
            pool.getHikariPoolMXBean().softEvictConnections();
            return;
        }
        reconnects.worked();
        try {
            connection.close();
        } catch (SQLException e) {
            pool.evictConnection(connection);
        }
    }

    /** Reconnects, and the pool's levels read from HikariCP's pool bean. */
    @Override
    public void monitor(StoreMonitor monitor) {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        monitor.gauge(StoreGauge.POOL_ACTIVE, bean::getActiveConnections);
        monitor.gauge(StoreGauge.POOL_IDLE, bean::getIdleConnections);
        monitor.gauge(StoreGauge.POOL_PENDING, bean::getThreadsAwaitingConnection);
        monitor.gauge(StoreGauge.POOL_MAX, pool::getMaximumPoolSize);
        reconnects.monitor(monitor);
    }

    @Override
    public void close() {
        pool.close();
    }
}
