package io.pgdbm.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.junit.PgdbmExtension;
import io.pgdbm.junit.TemplatePreparer;
import io.pgdbm.junit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Testcontainers test moved to pgdbm: code that connects by URL keeps doing so. */
// snippet:from-testcontainers
class FromTestcontainersTest {

    // was: @Container static PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:15")
    //          .withInitScript("db/shop/schema.sql");
    @RegisterExtension
    PgdbmExtension pgdbm = PgdbmExtension.builder()
            .preparer(TemplatePreparer.sqlScripts("classpath:db/shop/schema.sql"))
            .build();

    @Test
    void connectsByUrl(TestDatabase db) throws Exception {
        // was: postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword()
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.config().user(),
                db.config().password().orElse(null)); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO customers (email) VALUES ('ada@example.com')");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM customers")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1); // no truncating between tests: the database is this test's
            }
        }
    }
}
// end:from-testcontainers
