package io.pgdbm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void runsAgainstAGivenServerAndLeavesItAsItWas() throws SQLException {
        PostgresServer server = PostgresServers.shared();
        long before = demoDatabases(server);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Demo.main(new String[] {"--url", server.url(server.adminDatabase())});
        } finally {
            System.setOut(original);
        }
        String report = out.toString(StandardCharsets.UTF_8);

        assertThat(report).contains("1. Modules, in dependency order", "2. Migrations applied", "3. Tables",
                "4. Scenario", "5. The search library in both modes", "6. Pools");
        assertThat(report).contains("search_memory", "001_orders.sql", "shop.orders", "order_items, orders, schema_migrations");
        assertThat(report).contains("SQLState 23503", "module search_search", "shared pool open = true");
        assertThat(report).contains("(0 left)");
        assertThat(demoDatabases(server)).isEqualTo(before);
    }

    private static long demoDatabases(PostgresServer server) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", server.user());
        server.password().ifPresent(pw -> p.setProperty("password", pw));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), p);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE 'pgdbm_demo_%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
