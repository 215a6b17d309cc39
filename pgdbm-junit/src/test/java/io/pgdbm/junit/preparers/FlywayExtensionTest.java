package io.pgdbm.junit.preparers;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.PgdbmExtension;
import io.pgdbm.junit.TemplatePreparer;
import io.pgdbm.junit.TestDatabase;
import io.pgdbm.junit.TestDatabaseFactory;
import io.pgdbm.testserver.PostgresServers;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Flyway preparer through the extension: every test a fresh clone of one template that Flyway built. */
class FlywayExtensionTest {
    /** When Flyway applied V1, as each test's database records it: one value if the template was built once. */
    private static final Set<String> BUILT_AT = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    PgdbmExtension pgdbm = PgdbmExtension.builder()
            .preparer(TemplatePreparer.flyway(FlywayPreparerTest.SHOP_CONFIG))
            .build();

    @Test
    void placesAnOrder(DatabaseManager db) {
        BUILT_AT.add(builtAt(db));
        db.execute("INSERT INTO customers (email, name) VALUES ('a@example.com', 'A')");
        db.execute("INSERT INTO orders (customer_id, status) SELECT id, 'cancelled' FROM customers");
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM order_summary WHERE status = 'cancelled'")).isEqualTo(1L);
    }

    @Test
    void startsFromTheTemplateAgain(DatabaseManager db) {
        BUILT_AT.add(builtAt(db));
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM orders")).as("no other test's orders").isZero();
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM products")).isEqualTo(2L);
        assertThat(db.fetchValue(String.class, "SELECT version FROM flyway_schema_history"
                + " WHERE version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")).isEqualTo("20");
    }

    @Test
    void aFactoryClonesTheSameTemplate() {
        try (TestDatabaseFactory factory = TestDatabaseFactory.create(PostgresServers.shared(),
                TemplatePreparer.flyway(FlywayPreparerTest.SHOP_CONFIG))) {
            TestDatabase db = factory.createTestDatabase();
            BUILT_AT.add(builtAt(db.manager()));
            assertThat(db.manager().fetchValue(String.class, "SELECT actor FROM audit.events")).isEqualTo("shop-app");
        }
    }

    @AfterAll
    static void theTemplateWasBuiltOnce() {
        assertThat(BUILT_AT).hasSize(1);
    }

    private static String builtAt(DatabaseManager db) {
        return db.fetchValue(String.class, "SELECT installed_on::text FROM flyway_schema_history WHERE version = '1'");
    }
}
