package io.pgdbm;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throwaway database on the test server, dropped WITH (FORCE) on close. The server is the JVM's shared one from
 * pgdbm-testserver ({@link PostgresServers#shared()}): {@code PGDBM_TEST_URL} when set, else a private cluster
 * from the local PostgreSQL binaries, else embedded PostgreSQL.
 */
public final class TestDatabase implements AutoCloseable {
    private final DatabaseConfig admin;
    private final String name;

    private TestDatabase(DatabaseConfig admin, String name) {
        this.admin = admin;
        this.name = name;
    }

    public static TestDatabase create(String prefix) {
        DatabaseConfig admin = server();
        String name = "pgdbm_" + prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestDatabase db = new TestDatabase(admin, name);
        db.adminExecute("CREATE DATABASE " + name);
        return db;
    }

    /** The test server's admin database. */
    public static DatabaseConfig server() {
        PostgresServer server = PostgresServers.shared();
        return DatabaseConfig.fromUrl(server.url(server.adminDatabase()));
    }

    /** Runs SQL on a connection of its own (not from a pool) to {@code config}'s database. */
    public static void execute(DatabaseConfig config, String sql) {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password().orElse(""));
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A config for this database; callers add schema and pool settings. */
    public DatabaseConfig config() {
        return admin.toBuilder().database(name).minConnections(1).maxConnections(5).build();
    }

    public String name() {
        return name;
    }

    /** A connection outside any pgdbm pool, e.g. to hold a lock from another session. */
    public Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + admin.host() + ':' + admin.port() + '/' + name,
                admin.user(), admin.password().orElse(""));
    }

    private void adminExecute(String sql) {
        execute(admin, sql);
    }

    @Override
    public void close() {
        drop(name);
    }

    /** Drops a database of the test server (its connections terminated); a missing one is fine. */
    public static void drop(String database) {
        execute(server(), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
}
