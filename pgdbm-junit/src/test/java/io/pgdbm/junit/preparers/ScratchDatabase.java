package io.pgdbm.junit.preparers;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.TestQueries;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An empty database of this test's own on the run's server, dropped on close, with a non-pooling data source (every
 * connection closed is closed on the server too, so a test sees what a preparer left open).
 */
final class ScratchDatabase implements AutoCloseable {
    private final PostgresServer server = PostgresServers.shared();
    private final String name = "preparer_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    ScratchDatabase() throws SQLException {
        TestQueries.execute(server, "CREATE DATABASE " + name);
        dataSource.setURL(server.jdbcUrl(name));
        dataSource.setUser(server.user());
        server.password().ifPresent(dataSource::setPassword);
    }

    DataSource dataSource() {
        return dataSource;
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The first column of the first row, or null when there is none. */
    String queryOne(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** Sessions connected to this database (from the admin database, so not counting the asker). */
    int sessions() throws SQLException {
        return Integer.parseInt(TestQueries.queryOne(server,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + name + "'"));
    }

    @Override
    public void close() throws SQLException {
        TestQueries.execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
