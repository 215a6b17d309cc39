package io.pgdbm.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.PgdbmExtension;
import io.pgdbm.junit.TemplatePreparer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A template built from plain SQL scripts (what Testcontainers' {@code withInitScript} users have). */
// snippet:sql-scripts
class SqlScriptTemplateTest {

    @RegisterExtension
    PgdbmExtension pgdbm = PgdbmExtension.builder()
            .preparer(TemplatePreparer.sqlScripts("classpath:db/shop/schema.sql", "classpath:db/shop/data.sql"))
            .build();

    @Test
    void placesAnOrder(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO orders (customer_id, total) VALUES (1, 9.90)");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM orders")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1); // a fresh copy of the template: no other test's orders
            }
        }
    }

    @Test
    void startsWithTheSeedData(DatabaseManager db) {
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM customers")).isEqualTo(2);
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM orders")).isZero();
    }
}
// end:sql-scripts
