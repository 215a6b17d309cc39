package io.pgdbm.examples.mistakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import io.pgdbm.PoolException;
import io.pgdbm.QueryException;
import io.pgdbm.SharedPool;
import io.pgdbm.examples.library.SearchLibrary;
import io.pgdbm.junit.PgdbmTest;
import io.pgdbm.junit.TestDatabase;
import io.pgdbm.migration.ChecksumMismatchException;
import io.pgdbm.migration.MigrationManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guide's common mistakes, each next to the right form, showing what goes wrong and why the right form avoids it. */
@PgdbmTest
class CommonMistakesTest {

    @Test
    void forgettingTablesTemplatesPutsEveryTenantInOneTable(TestDatabase db) {
        DatabaseManager tenantA = new DatabaseManager(db.pool(), "tenant_a");
        DatabaseManager tenantB = new DatabaseManager(db.pool(), "tenant_b");

        // Wrong: CREATE TABLE users (...) lands wherever the search_path points, once, for everybody.
        new MigrationManager(tenantA, "classpath:mistakes/unqualified", "users").applyPending();
        assertThatThrownBy(() -> new MigrationManager(tenantB, "classpath:mistakes/unqualified", "users").applyPending())
                .hasMessageContaining("already exists");
        assertThat(db.manager().tableExists("public.users")).isTrue();
        db.manager().execute("DROP TABLE public.users");

        // Right: {{tables.users}} gives each tenant its own table.
        DatabaseManager tenantC = new DatabaseManager(db.pool(), "tenant_c");
        DatabaseManager tenantD = new DatabaseManager(db.pool(), "tenant_d");
        new MigrationManager(tenantC, "classpath:mistakes/templated", "users").applyPending();
        new MigrationManager(tenantD, "classpath:mistakes/templated", "users").applyPending();
        tenantC.execute("INSERT INTO {{tables.users}} (email) VALUES ('c@example.com')");
        assertThat(tenantD.fetchValue(Long.class, "SELECT count(*) FROM {{tables.users}}")).isZero();
    }

    @Test
    void hardCodedSchemaNamesLeakAcrossTenants(TestDatabase db) {
        DatabaseManager tenantA = new DatabaseManager(db.pool(), "tenant_a");
        DatabaseManager tenantB = new DatabaseManager(db.pool(), "tenant_b");
        new MigrationManager(tenantA, "classpath:mistakes/templated", "users").applyPending();
        new MigrationManager(tenantB, "classpath:mistakes/templated", "users").applyPending();

        // Wrong: code written for tenant A, reused for tenant B, still writes into tenant A.
        tenantB.execute("INSERT INTO tenant_a.users (email) VALUES ('b@example.com')");
        assertThat(tenantA.fetchValue(String.class, "SELECT email FROM {{tables.users}}")).isEqualTo("b@example.com");

        // Right: the template follows the manager.
        tenantB.execute("INSERT INTO {{tables.users}} (email) VALUES ('b2@example.com')");
        assertThat(tenantB.fetchValue(String.class, "SELECT email FROM {{tables.users}}")).isEqualTo("b2@example.com");
        assertThat(tenantA.fetchValue(Long.class, "SELECT count(*) FROM {{tables.users}}")).isEqualTo(1);
    }

    @Test
    void withoutModuleNamesTwoModulesShareOneHistory(TestDatabase db) {
        DatabaseManager shared = new DatabaseManager(db.pool(), "app");

        // Wrong: both modules default to the schema's name, and both have a 001_initial.sql. Module b's file is
        // taken for module a's, edited: the run stops (a file with the same content would be skipped silently).
        new MigrationManager(shared, "classpath:mistakes/module_a", null).applyPending();
        assertThatThrownBy(() -> new MigrationManager(shared, "classpath:mistakes/module_b", null).applyPending())
                .isInstanceOf(ChecksumMismatchException.class).hasMessageContaining("modified after being applied");
        assertThat(shared.tableExists("b_things")).as("module b's table was never created").isFalse();

        // Right: a module name of its own.
        assertThat(new MigrationManager(shared, "classpath:mistakes/module_b", "module_b").applyPending().appliedFilenames())
                .containsExactly("001_initial.sql");
        assertThat(shared.tableExists("b_things")).isTrue();
    }

    @Test
    void aLibraryThatSkipsItsMigrationsWhenEmbeddedHasNoTables(TestDatabase db) {
        DatabaseManager memory = new DatabaseManager(db.pool(), "memory");

        // Wrong: "the application owns the database, so it has migrated it" - it has not.
        assertThatThrownBy(() -> memory.fetchAll("SELECT * FROM {{tables.documents}}"))
                .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).contains("42P01"));

        // Right: the library always runs its own migrations, whoever owns the pool.
        SearchLibrary search = new SearchLibrary(null, memory, null);
        search.initialize();
        assertThat(search.count()).isZero();
    }

    @Test
    void aPoolPerRequestOpensConnectionsWithoutBound(TestDatabase db) {
        String countMine = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1";
        List<DatabaseManager> leaked = new ArrayList<>();
        try {
            // Wrong: every "request" builds its own manager (and forgets to close it, as such code usually does).
            for (int request = 0; request < 8; request++) {
                DatabaseManager perRequest = new DatabaseManager(db.config().toBuilder().applicationName("per_request")
                        .minConnections(1).maxConnections(2).build());
                perRequest.connect();
                perRequest.fetchValue("SELECT 1");
                leaked.add(perRequest);
            }
            assertThat(db.manager().fetchValue(Long.class, countMine, "per_request")).isGreaterThanOrEqualTo(8);
        } finally {
            leaked.forEach(DatabaseManager::close);
        }

        // Right: one pool for the application; requests borrow from it and the count stays within its maximum.
        try (SharedPool pool = SharedPool.create(db.config().toBuilder().applicationName("shared_pool")
                .minConnections(0).maxConnections(2).build())) {
            DatabaseManager shared = new DatabaseManager(pool);
            for (int request = 0; request < 8; request++) {
                shared.fetchValue("SELECT 1");
            }
            assertThat(db.manager().fetchValue(Long.class, countMine, "shared_pool")).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aLibraryClosingAPoolItBorrowedBreaksItsNeighbours(TestDatabase db) {
        try (SharedPool pool = SharedPool.create(db.config().toBuilder().minConnections(0).maxConnections(2).build())) {
            DatabaseManager orders = new DatabaseManager(pool, "public");

            // Right: the library's close() leaves a borrowed pool to its owner.
            SearchLibrary search = new SearchLibrary(null, new DatabaseManager(pool, "memory"), null);
            search.initialize();
            search.close();
            assertThat(orders.fetchValue(Integer.class, "SELECT 1")).isEqualTo(1);

            // Wrong: a library that closes the SharedPool it was given takes every other module down with it.
            pool.close();
            assertThatThrownBy(() -> orders.fetchValue("SELECT 1"))
                    .isInstanceOf(PoolException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void foreignKeysAcrossSchemasDoWorkInOneDatabase(TestDatabase db) {
        DatabaseManager users = new DatabaseManager(db.pool(), "users");
        DatabaseManager orders = new DatabaseManager(db.pool(), "orders");
        new MigrationManager(users, "classpath:db/migrations/users", "users").applyPending();
        new MigrationManager(orders, "classpath:db/migrations/orders", "orders").applyPending();
        long ada = users.fetchValue(Long.class, "INSERT INTO {{tables.users}} (email) VALUES ('ada@example.com') RETURNING id");

        orders.execute("INSERT INTO {{tables.orders}} (user_id, total) VALUES ($1, 10)", ada);
        assertThatThrownBy(() -> orders.execute("INSERT INTO {{tables.orders}} (user_id, total) VALUES (999, 10)"))
                .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).contains("23503"));
        assertThatThrownBy(() -> users.execute("DELETE FROM {{tables.users}} WHERE id = $1", ada))
                .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).contains("23503"));
    }
}
