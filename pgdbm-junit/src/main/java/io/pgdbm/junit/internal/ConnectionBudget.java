package io.pgdbm.junit.internal;

import io.pgdbm.PgdbmException;
import io.pgdbm.testserver.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections test pools may hold at once on one server, shared by the whole JVM: every test pool takes its
 * maximum size from it before opening and gives it back when closed, so parallel suites wait for a slot instead of
 * failing with "too many clients". Derived from {@code max_connections} minus the reserved slots, the connections
 * already open when the first run started, and a margin for pgdbm's own admin connections.
 */
public final class ConnectionBudget {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionBudget.class);
    private static final Map<String, ConnectionBudget> BY_SERVER = new ConcurrentHashMap<>();
    static final int ADMIN_MARGIN = 6;

    private final Semaphore permits;
    private final int total;

    private ConnectionBudget(int total) {
        this.total = total;
        this.permits = new Semaphore(total, true);
    }

    static ConnectionBudget of(PostgresServer server, Admin admin, int poolMax) {
        return BY_SERVER.computeIfAbsent(server.host() + ":" + server.port(), k -> {
            int total = Math.max(poolMax, available(admin) - ADMIN_MARGIN);
            LOG.info("pgdbm: test pools may hold {} connections at once on {}", total, k);
            return new ConnectionBudget(total);
        });
    }

    private static int available(Admin admin) {
        String sql = "SELECT current_setting('max_connections')::int"
                + " - current_setting('superuser_reserved_connections')::int"
                + " - coalesce(current_setting('reserved_connections', true)::int, 0)"
                + " - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int";
        try (Connection c = admin.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new PgdbmException("Could not read max_connections: " + e.getMessage(), e);
        }
    }

    /** Takes {@code n} connections' worth of budget; the returned handle gives them back once. */
    public AutoCloseable acquire(int n, Duration timeout, String what) {
        int wanted = Math.min(n, total);
        try {
            if (!permits.tryAcquire(wanted, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PgdbmException("Waited " + timeout.toSeconds() + " s for " + wanted + " connections for " + what
                        + ": test pools already hold " + (total - permits.availablePermits()) + " of the " + total
                        + " the server allows for tests. Lower pgdbm.test.pool.max or the parallelism, raise the server's"
                        + " max_connections, or raise pgdbm.test.wait.seconds.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgdbmException("interrupted while waiting for connections for " + what, e);
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                permits.release(wanted);
            }
        };
    }

    public int total() {
        return total;
    }

    public int available() {
        return permits.availablePermits();
    }
}
