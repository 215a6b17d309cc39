package io.pgdbm.examples.sharedtable;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.PgdbmTest;
import io.pgdbm.junit.TestDatabase;
import org.junit.jupiter.api.Test;

@PgdbmTest
class ServiceRegistryTest {

    @Test
    void servicesInDifferentSchemasShareOneTableInPublic(TestDatabase db) {
        ServiceRegistry registry = new ServiceRegistry(new DatabaseManager(db.pool()));
        registry.initialize();
        new ServiceRegistry(new DatabaseManager(db.pool(), "orders")).register("orders", "http://orders:8080");
        new ServiceRegistry(new DatabaseManager(db.pool(), "users")).register("users", "http://users:8080");
        registry.markUnhealthy("users");

        assertThat(registry.services()).containsExactly(
                new ServiceRegistry.Entry("orders", "http://orders:8080", true),
                new ServiceRegistry.Entry("users", "http://users:8080", false));
    }

    @Test
    void landsInPublicEvenFromAnOwningManagerWhoseSearchPathStartsWithItsSchema(TestDatabase db) {
        try (DatabaseManager owner = new DatabaseManager(db.config().toBuilder().schema("billing")
                .minConnections(0).maxConnections(1).build())) {
            owner.connect();
            new ServiceRegistry(owner).initialize();

            assertThat(db.manager().tableExists("public.service_registry")).isTrue();
            assertThat(db.manager().tableExists("billing.service_registry")).isFalse();
            // whereas an unqualified name follows the search_path into the owner's schema
            owner.execute("CREATE TABLE unqualified (id int)");
            assertThat(db.manager().tableExists("billing.unqualified")).isTrue();
        }
    }
}
