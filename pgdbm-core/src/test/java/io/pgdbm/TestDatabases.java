package io.pgdbm;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * Throwaway databases for pgdbm-core's own tests, on the server named by {@code PGDBM_TEST_URL} (or the system
 * property {@code pgdbm.test.url}); without either, {@code postgresql://postgres@127.0.0.1:5432/postgres}.
 */
public final class TestDatabases {
    public static final String URL_PROPERTY = "pgdbm.test.url";
    public static final String URL_ENV = "PGDBM_TEST_URL";
    private static final String DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

    private TestDatabases() {
    }

    /** The admin database's config (the server the tests use). */
    public static DatabaseConfig server() {
        String url = System.getProperty(URL_PROPERTY, System.getenv().getOrDefault(URL_ENV, DEFAULT_URL));
        DatabaseConfig config = DatabaseConfig.fromUrl(url).toBuilder().minConnections(0).maxConnections(10)
                .retryAttempts(1).sslMode(SslMode.DISABLE).build();
        try (Connection c = open(config)) {
            return config;
        } catch (SQLException e) {
            throw new IllegalStateException("pgdbm-core's tests need a PostgreSQL server and could not reach "
                    + config.maskedUrl() + " (" + e.getMessage() + "). Point them at one with\n"
                    + "  export " + URL_ENV + "=postgresql://user:password@host:5432/postgres\n"
                    + "or -D" + URL_PROPERTY + "=...; the user must be allowed to CREATE DATABASE.", e);
        }
    }

    /** Creates an empty database and returns its config; drop it with {@link #drop(DatabaseConfig)}. */
    public static DatabaseConfig create(String prefix) {
        DatabaseConfig server = server();
        String name = "pgdbm_" + prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin(server, "CREATE DATABASE " + name);
        return server.toBuilder().database(name).build();
    }

    public static void drop(DatabaseConfig config) {
        admin(server(), "DROP DATABASE IF EXISTS " + config.database() + " WITH (FORCE)");
    }

    public static void admin(DatabaseConfig config, String sql) {
        try (Connection c = open(config); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static Connection open(DatabaseConfig config) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", config.user());
        config.password().ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection(config.jdbcUrl(), p);
    }
}
