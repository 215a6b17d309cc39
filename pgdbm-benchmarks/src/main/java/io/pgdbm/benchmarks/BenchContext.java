package io.pgdbm.benchmarks;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.SslMode;
import io.pgdbm.testserver.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every benchmark shares: the server, quick or full mode, and throwaway databases that are dropped at the
 * end of the run.
 *
 * <pre>{@code
 * DatabaseConfig cfg = ctx.newDatabase("b3");
 * }</pre>
 */
public final class BenchContext implements AutoCloseable {
    private final PostgresServer server;
    private final boolean quick;
    private final List<String> created = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final String runId = Long.toString(ProcessHandle.current().pid(), 36);

    BenchContext(PostgresServer server, boolean quick) {
        this.server = server;
        this.quick = quick;
    }

    public PostgresServer server() {
        return server;
    }

    public boolean quick() {
        return quick;
    }

    /** Rounds scaled to the mode. */
    public int rounds(int quickRounds, int fullRounds) {
        return quick ? quickRounds : fullRounds;
    }

    /** The config of the server's admin database. */
    public DatabaseConfig adminConfig() {
        return DatabaseConfig.fromUrl(server.url(server.adminDatabase())).toBuilder().sslMode(SslMode.DISABLE)
                .minConnections(0).maxConnections(10).build();
    }

    /** A new empty database; dropped when the run ends. */
    public DatabaseConfig newDatabase(String label) {
        String name = "pgdbm_bench_" + runId + "_" + label + "_" + sequence.incrementAndGet();
        admin("CREATE DATABASE " + name);
        created.add(name);
        return adminConfig().toBuilder().database(name).build();
    }

    public String newDatabaseName(String label) {
        String name = "pgdbm_bench_" + runId + "_" + label + "_" + sequence.incrementAndGet();
        created.add(name);
        return name;
    }

    public void admin(String sql) {
        try (Connection c = adminConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public Connection adminConnection() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", server.user());
        server.password().ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), p);
    }

    @Override
    public void close() {
        for (String name : created) {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        created.clear();
    }
}
