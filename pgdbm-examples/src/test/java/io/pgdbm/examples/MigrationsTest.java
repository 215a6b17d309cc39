package io.pgdbm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.PgdbmTest;
import io.pgdbm.junit.TestDatabase;
import io.pgdbm.migration.Migration;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every module's migrations, shipped in the jar: they apply into a schema of any name, record their checksums,
 * apply nothing the second time, and create only tables of their own schema (the registry excepted).
 */
@PgdbmTest
class MigrationsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "analytics, 'events'",
            "search,    'documents'",
            "service,   'items,users'",
            "users,     'profiles,users'",
            "orders,    'order_items,orders'",
            "billing,   'invoices,payments'",
            "catalog,   'products'",
    })
    void appliesOnceIntoAnySchemaWithTheOriginalsChecksums(String module, String tables, TestDatabase db) {
        String location = "classpath:db/migrations/" + module;
        if (module.equals("orders")) {   // its foreign key needs the users module in schema "users"
            new MigrationManager(new DatabaseManager(db.pool(), "users"), "classpath:db/migrations/users", "users").applyPending();
        }
        DatabaseManager db1 = new DatabaseManager(db.pool(), "verify_" + module);
        MigrationManager migrations = new MigrationManager(db1, location, module + "_verify");

        MigrationResult first = migrations.applyPending();
        List<Migration> files = MigrationManager.discover(location);

        assertThat(first.appliedFilenames()).isEqualTo(files.stream().map(Migration::filename).toList());
        assertThat(migrations.applyPending().status()).isEqualTo(MigrationResult.Status.UP_TO_DATE);
        assertThat(migrations.applied()).extracting(a -> a.checksum())
                .isEqualTo(files.stream().map(Migration::checksum).toList());
        List<String> created = db.manager().fetchAll("""
                SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'schema_migrations'
                ORDER BY table_name""", "verify_" + module).stream().map(r -> r.getString("table_name")).toList();
        assertThat(created).containsExactly(tables.split(","));
        assertThat(db.manager().fetchValue(Long.class, """
                SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'""")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"registry"})
    void theRegistryIsTheOneModuleWritingToPublic(String module, TestDatabase db) {
        new MigrationManager(new DatabaseManager(db.pool(), "verify_registry"), "classpath:db/migrations/" + module, module)
                .applyPending();
        assertThat(db.manager().tableExists("public.service_registry")).isTrue();
        assertThat(db.manager().tableExists("verify_registry.service_registry")).isFalse();
    }
}
