package io.pgdbm.testserver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs one-value queries against a {@link PostgresServer} in tests. */
public final class TestQueries {

    private TestQueries() {
    }

    /** Runs a statement that returns no rows, e.g. DDL. */
    public static void execute(PostgresServer server, String sql) throws SQLException {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of the first row of {@code sql}, run on the server's admin database. */
    public static String queryOne(PostgresServer server, String sql) throws SQLException {
        try (Connection c = connect(server);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no rows from " + sql);
            }
            return rs.getString(1);
        }
    }

    private static Connection connect(PostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), server.user(),
                server.password().orElse(""));
    }
}
