package io.pgdbm.junit.preparers;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.Fingerprint;
import io.pgdbm.junit.PgdbmExtension;
import io.pgdbm.junit.PgdbmTest;
import io.pgdbm.junit.TemplatePreparer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Liquibase preparer through the extension: every test a fresh clone of one template that Liquibase built. */
class LiquibaseExtensionTest {
    /** When Liquibase ran the first changeset, as each test's database records it: one value if built once. */
    private static final Set<String> BUILT_AT = ConcurrentHashMap.newKeySet();

    @Nested
    class ThroughTheBuilder {
        @RegisterExtension
        PgdbmExtension pgdbm = PgdbmExtension.builder()
                .preparer(TemplatePreparer.liquibase(LiquibasePreparerTest.SHOP, LiquibasePreparerTest.TEST_CONTEXT))
                .build();

        @Test
        void placesAnOrder(DatabaseManager db) {
            BUILT_AT.add(builtAt(db));
            db.execute("INSERT INTO customers (email) VALUES ('a@example.com')");
            db.execute("INSERT INTO orders (customer_id) SELECT id FROM customers");
            assertThat(db.fetchValue(Long.class, "SELECT order_count(id) FROM customers")).isEqualTo(1L);
        }

        @Test
        void startsFromTheTemplateAgain(DatabaseManager db) {
            BUILT_AT.add(builtAt(db));
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM orders")).as("no other test's orders").isZero();
            assertThat(db.fetchValue(String.class, "SELECT title FROM products")).isEqualTo("Test product");
        }
    }

    /** A preparer class for {@code @PgdbmTest(preparer = ...)}, which needs a no-argument constructor. */
    public static final class ShopChangelog implements TemplatePreparer {
        private final TemplatePreparer liquibase =
                TemplatePreparer.liquibase(LiquibasePreparerTest.SHOP, LiquibasePreparerTest.TEST_CONTEXT);

        @Override
        public String identity() {
            return liquibase.identity();
        }

        @Override
        public void fingerprint(Fingerprint fingerprint) {
            liquibase.fingerprint(fingerprint);
        }

        @Override
        public void prepare(DataSource dataSource) throws Exception {
            liquibase.prepare(dataSource);
        }
    }

    @Nested
    @PgdbmTest(preparer = ShopChangelog.class)
    class ThroughTheAnnotation {
        @Test
        void seesTheChangelog(DatabaseManager db) {
            BUILT_AT.add(builtAt(db));
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM databasechangelog")).isEqualTo(10L);
            db.execute("INSERT INTO customers (email) VALUES ('b@example.com')");
        }

        @Test
        void getsAFreshCopy(DatabaseManager db) {
            BUILT_AT.add(builtAt(db));
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM customers")).isZero();
        }
    }

    @AfterAll
    static void theTemplateWasBuiltOnce() {
        assertThat(BUILT_AT).as("same changelog and settings: one template for both routes").hasSize(1);
    }

    private static String builtAt(DatabaseManager db) {
        return db.fetchValue(String.class, "SELECT dateexecuted::text FROM databasechangelog WHERE id = '1'");
    }

}
