package io.pgdbm.examples.ecommerce;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.examples.library.SearchLibrary;
import io.pgdbm.junit.PgdbmTest;
import io.pgdbm.junit.TestDatabase;
import io.pgdbm.junit.TestDatabaseFactory;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

@PgdbmTest
class EcommercePlatformTest {

    private static EcommercePlatform start(TestDatabase shop, TestDatabaseFactory factory) {
        DatabaseConfig analytics = factory.createDatabase("analytics").config().toBuilder()
                .schema("analytics").minConnections(0).maxConnections(2).build();
        return EcommercePlatform.start(shop.config().toBuilder().schema(null).minConnections(0).maxConnections(6).build(), analytics);
    }

    @Test
    void migratesEveryModuleInDependencyOrderIntoItsSchema(TestDatabase shop, TestDatabaseFactory factory) {
        try (EcommercePlatform platform = start(shop, factory)) {
            assertThat(platform.migrations()).extracting(EcommercePlatform.ModuleMigration::module)
                    .containsExactly("users", "catalog", "orders", "search_memory", "service_registry", "analytics");
            assertThat(platform.migrations()).extracting(EcommercePlatform.ModuleMigration::schema)
                    .containsExactly("users", "catalog", "orders", "memory", "public", "analytics");
            assertThat(shop.manager().tableExists("memory.documents")).isTrue();
            assertThat(shop.manager().tableExists("public.service_registry")).isTrue();
            assertThat(shop.manager().tableExists("analytics.events")).as("analytics is in its own database").isFalse();
            assertThat(platform.analytics().db().tableExists("analytics.events")).isTrue();
        }
    }

    @Test
    void runsTheScenarioAcrossAllPatterns(TestDatabase shop, TestDatabaseFactory factory) {
        try (EcommercePlatform platform = start(shop, factory)) {
            platform.addProduct("LAMP-1", "Walnut desk lamp", new BigDecimal("39.90"));
            platform.addProduct("CHAIR-2", "Oak reading chair", new BigDecimal("249.00"));
            long ada = platform.users().register("ada@example.com", "Ada");

            assertThat(platform.checkout(ada, Map.of("LAMP-1", 2)).total()).isEqualByComparingTo("79.80");
            assertThat(platform.searchProducts("lamp")).extracting(SearchLibrary.Hit::ref).containsExactly("product:LAMP-1");
            assertThat(platform.analytics().countsByKind()).hasSize(2);
            assertThat(platform.registry().services()).extracting(e -> e.serviceName())
                    .containsExactly("catalog", "orders", "search", "users");
            assertThat(platform.search().isEmbedded()).isTrue();
        }
    }

    @Test
    void closingThePlatformClosesBothPools(TestDatabase shop, TestDatabaseFactory factory) {
        EcommercePlatform platform = start(shop, factory);
        platform.close();

        assertThat(platform.pool().isClosed()).isTrue();
        assertThat(shop.manager().fetchValue(Long.class,
                "SELECT count(*) FROM pg_stat_activity WHERE application_name IN ('app_pool', 'analytics_pool')")).isZero();
    }
}
