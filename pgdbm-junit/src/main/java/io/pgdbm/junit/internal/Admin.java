package io.pgdbm.junit.internal;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.PgdbmException;
import io.pgdbm.internal.Identifiers;
import io.pgdbm.testserver.PostgresServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CREATE DATABASE} and {@code DROP DATABASE} on the server's admin database, over connections that each hold
 * a slot of the {@link ConnectionBudget}. A few idle connections are kept for the next statements (the run's clone
 * preparers and its dropper use them at once), each closed when it has been idle for a moment or when a thread of
 * this JVM waits for a slot. Only databases of pgdbm's own name
 * shapes ({@link Names#isOwned}) are ever dropped; the sweep also requires pgdbm's marker comment. Thread-safe.
 */
public final class Admin implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Admin.class);
    /** "source database is being accessed by other users": the template's last connection is still going away. */
    private static final String OBJECT_IN_USE = "55006";
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final int MAX_IDLE = 3;

    private record Idle(Connection physical, ConnectionBudget.Lease lease, long since) {
        void close() {
            try {
                physical.close();
            } catch (SQLException e) {
                LOG.debug("pgdbm: closing an admin connection: {}", e.toString());
            } finally {
                lease.close();
            }
        }
    }

    private final PostgresServer server;
    private final ConnectionBudget budget;
    private final Duration waitTimeout;
    private final String strategyClause;
    private final Duration retryFor;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private boolean closed;

    Admin(PostgresServer server, TestSettings settings, ConnectionBudget budget) {
        this.server = server;
        this.budget = budget;
        this.waitTimeout = settings.waitTimeout();
        this.strategyClause = server.serverVersionNum() >= 150000 ? " STRATEGY " + settings.cloneStrategy() : "";
        this.retryFor = Duration.ofSeconds(30);
    }

    /** A config for {@code database} on {@code server} with a small pool that starts empty. */
    public static DatabaseConfig config(PostgresServer server, String database, int min, int max, String application) {
        DatabaseConfig.Builder b = DatabaseConfig.builder()
                .host(server.host()).port(server.port()).user(server.user()).database(database)
                .minConnections(min).maxConnections(max).applicationName(application);
        server.password().ifPresent(b::password);
        return b.build();
    }

    /** A connection to the admin database holding one budget slot; closing it gives both back. */
    public Connection connection() throws SQLException {
        Idle reuse;
        synchronized (idle) {
            closeStale();
            reuse = idle.pollLast(); // the most recently used: the older ones may then go idle long enough to close
        }
        Connection physical;
        ConnectionBudget.Lease lease;
        if (reuse != null) {
            physical = reuse.physical();
            lease = reuse.lease();
        } else {
            lease = budget.acquire(1, 1, "an admin connection");
            try {
                physical = Sessions.open(server, server.adminDatabase(), "pgdbm-junit-admin", waitTimeout);
            } catch (SQLException | RuntimeException e) {
                lease.close();
                throw e;
            }
        }
        AtomicBoolean returned = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (returned.compareAndSet(false, true)) {
                                giveBack(new Idle(physical, lease, System.nanoTime()));
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return returned.get() || physical.isClosed();
                        }
                        case "unwrap", "isWrapperFor" -> throw new SQLException("not a wrapper");
                        default -> {
                            try {
                                return method.invoke(physical, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    private void giveBack(Idle connection) {
        boolean keep;
        synchronized (idle) {
            keep = !closed && idle.size() < MAX_IDLE && !budget.hasWaiters() && isHealthy(connection.physical());
            if (keep) {
                idle.addLast(connection);
            }
        }
        if (!keep) {
            connection.close();
        }
    }

    private static boolean isHealthy(Connection c) {
        try {
            return !c.isClosed() && c.getAutoCommit();
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Closes the idle connections that have waited long enough, or all of them while a thread waits for a slot
     * (called on each use and by {@link #tidy()}). The oldest is first.
     */
    private void closeStale() {
        boolean waiters = budget.hasWaiters();
        for (Idle first = idle.peekFirst(); first != null && (waiters || System.nanoTime() - first.since() > IDLE_NANOS);
                first = idle.peekFirst()) {
            idle.pollFirst().close();
        }
    }

    /** Gives back the slots of connections idle for a while; run periodically by the run. */
    void tidy() {
        synchronized (idle) {
            closeStale();
        }
    }

    /**
     * {@code CREATE DATABASE name [TEMPLATE template STRATEGY …] CONNECTION LIMIT mark} then {@code COMMENT ON DATABASE
     * name IS comment} (the markers the sweep looks for, see {@link Names#CONNECTION_LIMIT_MARK}), retried with backoff
     * while the template is in use.
     */
    public void createDatabase(String name, String template, String comment) {
        StringBuilder sql = new StringBuilder("CREATE DATABASE ").append(Identifiers.quote(name, "database"));
        if (template != null) {
            sql.append(" TEMPLATE ").append(Identifiers.quote(template, "database")).append(strategyClause);
        }
        sql.append(" CONNECTION LIMIT ").append(Names.CONNECTION_LIMIT_MARK);
        long deadline = System.nanoTime() + retryFor.toNanos();
        long delayMs = 5;
        while (true) {
            try (Connection c = connection(); Statement st = c.createStatement()) {
                st.execute(sql.toString());
                st.execute("COMMENT ON DATABASE " + Identifiers.quote(name, "database") + " IS "
                        + literal(comment));
                return;
            } catch (SQLException e) {
                if (!OBJECT_IN_USE.equals(e.getSQLState()) || System.nanoTime() > deadline) {
                    throw new PgdbmException("Could not create test database " + name
                            + (template == null ? "" : " from template " + template) + " on " + server.host() + ":"
                            + server.port() + " (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
                }
                LOG.debug("pgdbm: template {} is in use, retrying CREATE DATABASE {} in {} ms", template, name, delayMs);
                pause(delayMs);
                delayMs = Math.min(delayMs * 2, 250);
            }
        }
    }

    /** Drops a pgdbm database with its connections terminated; a missing database is not an error. */
    public void dropDatabase(String name) {
        Identifiers.require(name, "database");
        if (!Names.isOwned(name)) {
            throw new IllegalArgumentException("refusing to drop '" + name + "': not a pgdbm test database or template");
        }
        try (Connection c = connection(); Statement st = c.createStatement()) {
            dropDatabase(st, name, server.serverVersionNum());
        } catch (SQLException e) {
            throw new PgdbmException("Could not drop test database " + name + " (SQLState " + e.getSQLState() + "): "
                    + e.getMessage() + "; drop it by hand with DROP DATABASE \"" + name + "\"", e);
        }
    }

    static void dropDatabase(Statement st, String name, int serverVersionNum) throws SQLException {
        String quoted = Identifiers.quote(name, "database");
        if (serverVersionNum >= 130000) {
            st.execute("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
        } else {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                    + "' AND pid <> pg_backend_pid()");
            st.execute("DROP DATABASE IF EXISTS " + quoted);
        }
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    public PostgresServer server() {
        return server;
    }

    static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgdbmException("interrupted while waiting to retry", e);
        }
    }

    @Override
    public void close() {
        List<Idle> all;
        synchronized (idle) {
            closed = true;
            all = new ArrayList<>(idle);
            idle.clear();
        }
        all.forEach(Idle::close);
    }
}
