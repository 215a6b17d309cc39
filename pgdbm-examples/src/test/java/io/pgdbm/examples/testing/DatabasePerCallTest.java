package io.pgdbm.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.junit.TemplatePreparer;
import io.pgdbm.junit.TestDatabase;
import io.pgdbm.junit.TestDatabaseFactory;
import io.pgdbm.testserver.PostgresServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A fresh database per call, without the extension: what zonky's {@code PreparedDbProvider} users have. */
class DatabasePerCallTest {

    // snippet:database-per-call
    static final TestDatabaseFactory databases = TestDatabaseFactory.create(PostgresServers.shared(),
            TemplatePreparer.sqlScripts("classpath:db/shop/schema.sql", "classpath:db/shop/data.sql"));

    TestDatabase database;
    DataSource dataSource;

    @BeforeEach
    void freshDatabase() {
        database = databases.createTestDatabase(); // a clone of the template, built once
        dataSource = database.pool().dataSource();
    }

    @AfterEach
    void dropIt() {
        databases.drop(database);
    }

    @AfterAll
    static void dropTheRest() {
        databases.close();
    }
    // end:database-per-call

    @Test
    void seesTheSeedData() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM customers")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }
        assertThat(database.jdbcUrl()).contains(database.name());
    }

    @Test
    void writesOnlyToItsOwnDatabase() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM customers");
        }
        try (Connection c = databases.createTestDatabase().pool().dataSource().getConnection();
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM customers")) {
            rs.next();
            assertThat(rs.getLong(1)).as("another clone of the template").isEqualTo(2);
        }
    }
}
