package io.pgdbm.migration;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.SharedPool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Test databases on the server named by {@code pgdbm.test.url} / {@code PGDBM_TEST_URL} (default: local trust
 * auth): each {@link #newDatabase()} is a uniquely named {@code pgdbm_mig_*} database dropped by {@link #close()}.
 */
final class MigrationTestSupport implements AutoCloseable {
    static final String URL = System.getProperty("pgdbm.test.url",
            System.getenv().getOrDefault("PGDBM_TEST_URL", "postgresql://postgres@127.0.0.1:5432/postgres"));

    private final DatabaseConfig admin = DatabaseConfig.fromUrl(URL);
    private final List<String> databases = new ArrayList<>();
    private final List<SharedPool> pools = new ArrayList<>();

    /** Creates a fresh database and returns its config. */
    DatabaseConfig newDatabase() {
        String name = "pgdbm_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        adminExecute("CREATE DATABASE " + name);
        databases.add(name);
        return admin.toBuilder().database(name).maxConnections(12).minConnections(1).build();
    }

    /** A pool on a fresh database, closed with this support. */
    SharedPool newPool() {
        SharedPool pool = SharedPool.create(newDatabase());
        pools.add(pool);
        return pool;
    }

    /** Runs SQL on a connection of its own (not from a pool) to {@code config}'s database. */
    static void execute(DatabaseConfig config, String sql) {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password().orElse(null));
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private void adminExecute(String sql) {
        execute(admin, sql);
    }

    @Override
    public void close() {
        pools.forEach(SharedPool::close);
        for (String name : databases) {
            adminExecute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
