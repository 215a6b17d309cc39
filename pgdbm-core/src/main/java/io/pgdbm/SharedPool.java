package io.pgdbm;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.pgdbm.internal.LeakWatch;
import io.pgdbm.internal.PoolFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * One HikariCP pool meant to be shared by several {@link DatabaseManager}s, each in its own schema. The
 * application creates it once, hands it to the managers, and closes it last; managers never close it.
 *
 * <pre>{@code
 * try (SharedPool pool = SharedPool.create(DatabaseConfig.fromUrl(url).toBuilder().maxConnections(30).build())) {
 *     DatabaseManager users = new DatabaseManager(pool, "users");
 *     DatabaseManager orders = new DatabaseManager(pool, "orders");
 *     ...
 * }
 * }</pre>
 *
 * <p>When the config names a schema, the pool's connections get that {@code search_path}; leave it unset for a
 * pool shared by several schemas (templates qualify every table). Thread-safe; {@link #close()} is idempotent.
 */
public final class SharedPool implements AutoCloseable {
    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    private final LeakWatch leakWatch;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SharedPool(DatabaseConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.leakWatch = config.leakDetectionThreshold().isZero() ? null
                : new LeakWatch(dataSource.getPoolName(), config.leakDetectionThreshold());
    }

    /** Opens the pool, retrying as configured; throws {@link ConnectionException} when the server stays unreachable. */
    public static SharedPool create(DatabaseConfig config) {
        Objects.requireNonNull(config, "config");
        return open(config, config.schema().orElse(config.database()));
    }

    /**
     * A pool whose physical connections come from {@code connections} rather than from the driver; the config still
     * sets the pool's sizes, timeouts and init commands. For harnesses that hand out their own connections, e.g. a
     * test whose work must stay inside one transaction:
     *
     * <pre>{@code
     * SharedPool pinned = SharedPool.create(config.toBuilder().minConnections(0).maxConnections(1).build(), oneConnection);
     * }</pre>
     */
    public static SharedPool create(DatabaseConfig config, DataSource connections) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(connections, "connections");
        return new SharedPool(config, PoolFactory.open(config, config.schema().orElse(config.database()), connections));
    }

    static SharedPool open(DatabaseConfig config, String label) {
        return new SharedPool(config, PoolFactory.open(config, label));
    }

    /** The pool as a {@link DataSource}, for libraries that take one; connections are returned by closing them. */
    public DataSource dataSource() {
        return dataSource;
    }

    public DatabaseConfig config() {
        return config;
    }

    /** The HikariCP pool name, which prefixes its log lines. */
    public String name() {
        return dataSource.getPoolName();
    }

    public PoolStats stats() {
        HikariPoolMXBean bean = dataSource.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolStats(name(), 0, 0, 0, 0, config.minConnections(), config.maxConnections());
        }
        return new PoolStats(name(), bean.getTotalConnections(), bean.getActiveConnections(), bean.getIdleConnections(),
                bean.getThreadsAwaitingConnection(), config.minConnections(), config.maxConnections());
    }

    public boolean isClosed() {
        return closed.get() || dataSource.isClosed();
    }

    /** Borrows a connection; a timeout becomes a {@link PoolException} with the pool's numbers and the setting to change. */
    Connection connection(String manager) {
        if (isClosed()) {
            throw new PoolException("[" + manager + "] the pool " + name() + " is closed; create a new pool or manager");
        }
        try {
            Connection connection = dataSource.getConnection();
            return leakWatch == null ? connection : leakWatch.watch(connection, manager);
        } catch (SQLTransientConnectionException e) {
            PoolStats s = stats();
            throw new PoolException("[" + manager + "] no connection available from pool " + name() + " within "
                    + config.connectionTimeout().toMillis() + " ms (total=" + s.total() + ", active=" + s.active()
                    + ", idle=" + s.idle() + ", waiting=" + s.waiting() + ", max=" + s.max() + "). Raise "
                    + "DatabaseConfig.maxConnections or connectionTimeout, or return connections sooner "
                    + "(a transaction or acquire() held too long?).", e);
        } catch (SQLException e) {
            throw new PoolException("[" + manager + "] cannot get a connection from pool " + name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Closes the physical connection behind {@code connection} (borrowed from this pool) instead of returning it,
     * for a session left in a state that must not reach the next borrower (settings, locks, a broken protocol).
     * The pool opens a replacement as needed. A connection from elsewhere is closed and otherwise ignored.
     */
    public void evict(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        try {
            Connection pooled = leakWatch == null ? connection : LeakWatch.unwrap(connection);
            dataSource.evictConnection(pooled);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // already evicted: closing the handle only releases pgdbm's bookkeeping
            }
        }
    }

    /** Closes the pool and its connections; idempotent and safe to call from several threads at once. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (leakWatch != null) {
            leakWatch.close();
        }
        dataSource.close();
        PoolFactory.closed(config);
    }

    @Override
    public String toString() {
        return "SharedPool[" + name() + ", " + config.maskedUrl() + ']';
    }
}
