package io.pgdbm.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.Fingerprint;
import io.pgdbm.junit.PgdbmExtension;
import io.pgdbm.junit.PgdbmTest;
import io.pgdbm.junit.TemplatePreparer;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Templates prepared by code: a callback, and a preparer class with inputs of its own. */
class CallbackTemplateTest {

    @Nested
    class WithACallback {
        // snippet:callback
        @RegisterExtension
        PgdbmExtension pgdbm = PgdbmExtension.builder()
                .preparer(TemplatePreparer.callback("currencies", dataSource -> {
                    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                        st.execute("CREATE TABLE currencies (code char(3) PRIMARY KEY)");
                        st.execute("INSERT INTO currencies VALUES ('EUR'), ('USD')");
                    }
                }))
                .build();
        // end:callback

        @Test
        void seesTheCurrencies(DatabaseManager db) {
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM currencies")).isEqualTo(2);
        }
    }

    // snippet:preparer-class
    /** Reference data loaded from a file: the file is in the fingerprint, so editing it builds a new template. */
    public static class Countries implements TemplatePreparer {
        @Override
        public String identity() {
            return "countries";
        }

        @Override
        public void fingerprint(Fingerprint fingerprint) {
            fingerprint.add("v1").addFile("classpath:db/shop/data.sql");
        }

        @Override
        public void prepare(DataSource dataSource) throws Exception {
            TemplatePreparer.sqlScripts("classpath:db/shop/schema.sql", "classpath:db/shop/data.sql")
                    .prepare(dataSource);
        }
    }

    @Nested
    @PgdbmTest(preparer = Countries.class)
    class WithAPreparerClass {
        @Test
        void seesTheCustomers(DatabaseManager db) {
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM customers")).isEqualTo(2);
        }
    }
    // end:preparer-class
}
