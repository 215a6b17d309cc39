package io.pgdbm.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.ConfigurationException;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleSetTest {
    @TempDir
    Path dir;
    private MigrationTestSupport support;
    private SharedPool pool;

    @BeforeEach
    void freshDatabase() {
        support = new MigrationTestSupport();
        pool = support.newPool();
    }

    @AfterEach
    void dropDatabase() {
        support.close();
    }

    private String location(String module, String... filesAndContents) throws IOException {
        Path d = Files.createDirectories(dir.resolve(module));
        for (int i = 0; i < filesAndContents.length; i += 2) {
            Files.writeString(d.resolve(filesAndContents[i]), filesAndContents[i + 1]);
        }
        return d.toString();
    }

    private ModuleSet shop() throws IOException {
        return ModuleSet.of(
                Module.of("orders", location("orders", "001_orders.sql",
                        "CREATE TABLE {{tables.orders}} (id int PRIMARY KEY, user_id int REFERENCES users.users)"))
                        .withSchema("orders").withDependsOn("users", "catalog"),
                Module.of("users", location("users", "001_users.sql", "CREATE TABLE {{tables.users}} (id int PRIMARY KEY)"))
                        .withSchema("users"),
                Module.of("catalog", location("catalog", "001_products.sql", "CREATE TABLE {{tables.products}} (id int)"))
                        .withSchema("catalog"));
    }

    @Test
    void ordersDependenciesFirstAndKeepsDeclarationOrderOtherwise() throws IOException {
        assertThat(shop().names()).containsExactly("users", "catalog", "orders");
        assertThat(shop().withDependencies("orders").names()).containsExactly("users", "catalog", "orders");
        assertThat(shop().withDependencies("catalog").names()).containsExactly("catalog");
    }

    @Test
    void aCycleIsAnErrorShowingItsPath() {
        assertThatThrownBy(() -> ModuleSet.of(Module.of("a").withDependsOn("b"), Module.of("b").withDependsOn("c"),
                Module.of("c").withDependsOn("a")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Circular module dependency: a -> b -> c -> a");
        assertThatThrownBy(() -> Module.of("a").withDependsOn("a"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("a -> a");
    }

    @Test
    void anUnknownDependencyNamesBothModules() {
        assertThatThrownBy(() -> ModuleSet.of(Module.of("orders").withDependsOn("ghost")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Module 'orders' depends on 'ghost', which is not a module of this set");
        assertThatThrownBy(() -> ModuleSet.of(Module.of("a"), Module.of("a")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> ModuleSet.of(Module.of("a")).withDependencies("b"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("No module 'b'");
    }

    @Test
    void migratesEachModuleIntoItsOwnSchemaInDependencyOrder() throws IOException {
        List<String> seen = new ArrayList<>();
        List<MigrationResult> results = shop().on(pool).onResult(r -> seen.add(r.module())).migrate();
        List<MigrationResult> again = shop().migrate(pool);

        assertThat(results).extracting(MigrationResult::module).containsExactly("users", "catalog", "orders");
        assertThat(results).extracting(MigrationResult::schema).containsExactly("users", "catalog", "orders");
        assertThat(seen).containsExactly("users", "catalog", "orders");
        assertThat(again).extracting(MigrationResult::status).containsOnly(MigrationResult.Status.UP_TO_DATE);
        DatabaseManager db = new DatabaseManager(pool);
        assertThat(db.tableExists("users.users")).isTrue();
        assertThat(db.tableExists("orders.orders")).isTrue();
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM orders.schema_migrations WHERE module_name = 'orders'"))
                .isEqualTo(1L);
    }

    @Test
    void planAndStatusCoverEveryModuleAndChangeNothing() throws IOException {
        ModuleSet modules = shop();
        modules.withDependencies("users").migrate(pool);

        List<MigrationResult> plan = modules.plan(pool);
        List<ModuleStatus> status = modules.status(pool);

        assertThat(plan).extracting(MigrationResult::status).containsOnly(MigrationResult.Status.DRY_RUN);
        assertThat(plan).extracting(MigrationResult::pending)
                .containsExactly(List.of(), List.of("001_products.sql"), List.of("001_orders.sql"));
        assertThat(status).extracting(ModuleStatus::module).containsExactly("users", "catalog", "orders");
        assertThat(status.get(0).applied()).extracting(AppliedMigration::filename).containsExactly("001_users.sql");
        assertThat(status.get(2).pending()).containsExactly("001_orders.sql");
        assertThat(new DatabaseManager(pool).tableExists("catalog.products")).isFalse();

        Files.delete(dir.resolve("users/001_users.sql"));
        Files.writeString(dir.resolve("users/002_more.sql"), "SELECT 1");
        ModuleStatus users = modules.status(pool).get(0);
        assertThat(users.missingFiles()).containsExactly("001_users.sql");
        assertThat(users.pending()).containsExactly("002_more.sql");
    }

    @Test
    void reportsDriftInStatus() throws IOException {
        ModuleSet modules = shop();
        modules.migrate(pool);
        Files.writeString(dir.resolve("catalog/001_products.sql"), "CREATE TABLE {{tables.products}} (id bigint)");

        ModuleStatus catalog = modules.status(pool).get(1);
        assertThat(catalog.modified()).containsExactly("001_products.sql");
        assertThat(catalog.hasDrift()).isTrue();
    }

    @Test
    void aModuleWithoutFilesStillGetsItsSchemaAndSettingsReachEveryManager() throws IOException {
        ModuleSet modules = ModuleSet.of(Module.of("empty").withSchema("empty_schema"),
                Module.of("users", location("users", "001_users.sql", "CREATE TABLE {{tables.users}} (id int)"))
                        .withSchema("users"));

        modules.on(pool).configure((module, b) -> b.migrationsTable("app_migrations")).migrate();

        DatabaseManager db = new DatabaseManager(pool);
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM pg_namespace WHERE nspname = 'empty_schema'")).isEqualTo(1L);
        assertThat(db.tableExists("users.app_migrations")).isTrue();
        assertThat(db.tableExists("users.schema_migrations")).isFalse();
    }

    @Test
    void stopsAtTheFailingModuleNamingIt() throws IOException {
        ModuleSet modules = ModuleSet.of(
                Module.of("users", location("users", "001_users.sql", "CREATE TABLE {{tables.users}} (id int)")).withSchema("users"),
                Module.of("broken", location("broken", "001_bad.sql", "CREATE TABLE nope (")).withSchema("broken"),
                Module.of("later", location("later", "001_x.sql", "CREATE TABLE {{tables.x}} (id int)")).withSchema("later"));

        assertThatThrownBy(() -> modules.migrate(pool))
                .isInstanceOfSatisfying(MigrationException.class, e -> {
                    assertThat(e.module()).isEqualTo("broken");
                    assertThat(e.file()).isEqualTo("001_bad.sql");
                });
        DatabaseManager db = new DatabaseManager(pool);
        assertThat(db.tableExists("users.users")).isTrue();
        assertThat(db.tableExists("later.x")).isFalse();
    }
}
