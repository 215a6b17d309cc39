package io.pgdbm.examples;

import io.pgdbm.junit.MigrationVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every module's migrations, shipped in the jar, verified from scratch in every mode: standalone (with and without
 * a schema) and as a library next to another module's schema; each applies every file once, records its checksum,
 * applies nothing the second time, and creates nothing outside its own schema (the registry excepted).
 */
class MigrationsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"analytics", "search", "service", "users", "billing", "catalog"})
    void everyModuleKeepsToItsSchemaInEveryMode(String module) {
        MigrationVerifier.verify("classpath:db/migrations/" + module, module);
    }

    @Test
    void ordersNeedTheUsersModuleForTheirForeignKey() {
        MigrationVerifier.builder("classpath:db/migrations/orders", "orders")
                .requires("classpath:db/migrations/users", "users", "users")
                .verify();
    }

    @Test
    void theRegistryIsTheOneModuleWritingToPublic() {
        MigrationVerifier.builder("classpath:db/migrations/registry", "registry")
                .allowOutside("public.service_registry")
                .verify();
    }
}
