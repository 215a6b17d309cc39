package io.pgdbm.junit.internal;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.PgdbmException;
import io.pgdbm.SharedPool;
import io.pgdbm.internal.Identifiers;
import io.pgdbm.testserver.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CREATE DATABASE} and {@code DROP DATABASE} on the server's admin database. Only names of pgdbm's own shapes
 * ({@link Names#isOwned}) are ever dropped. Thread-safe.
 */
public final class Admin implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Admin.class);
    /** "source database is being accessed by other users": the template's last connection is still going away. */
    private static final String OBJECT_IN_USE = "55006";

    private final PostgresServer server;
    private final SharedPool pool;
    private final String strategyClause;
    private final Duration retryFor;

    Admin(PostgresServer server, TestSettings settings) {
        this.server = server;
        this.pool = SharedPool.create(config(server, server.adminDatabase(), 0, 4, "pgdbm-junit-admin"));
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

    public Connection connection() throws SQLException {
        return pool.dataSource().getConnection();
    }

    /** {@code CREATE DATABASE name [TEMPLATE template STRATEGY …]}, retried with backoff while the template is in use. */
    public void createDatabase(String name, String template) {
        StringBuilder sql = new StringBuilder("CREATE DATABASE ").append(Identifiers.quote(name, "database"));
        if (template != null) {
            sql.append(" TEMPLATE ").append(Identifiers.quote(template, "database")).append(strategyClause);
        }
        long deadline = System.nanoTime() + retryFor.toNanos();
        long delayMs = 5;
        while (true) {
            try (Connection c = connection(); Statement st = c.createStatement()) {
                st.execute(sql.toString());
                if (Names.RUN_DATABASE.matcher(name).matches()) {
                    st.execute("COMMENT ON DATABASE " + Identifiers.quote(name, "database") + " IS '"
                            + Names.RUN_DATABASE_COMMENT + "'");
                }
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
        pool.close();
    }
}
