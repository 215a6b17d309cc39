package io.pgdbm.examples.library;

import static io.pgdbm.junit.PgdbmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import io.pgdbm.PoolException;
import io.pgdbm.junit.DualModeDatabase;
import io.pgdbm.junit.DualModeTest;
import io.pgdbm.junit.PgdbmTest;
import io.pgdbm.junit.TestDatabase;
import io.pgdbm.migration.MigrationResult;
import org.junit.jupiter.api.Test;

@PgdbmTest
class SearchLibraryTest {

    /** The library the way the mode wants it, in schema {@code search}: the only mode-specific code of the tests. */
    private static SearchLibrary library(DualModeDatabase db) {
        return db.create(config -> new SearchLibrary(config.toBuilder().minConnections(0).maxConnections(2).build()),
                (manager, schema) -> new SearchLibrary(null, manager, null));
    }

    @DualModeTest(schema = "search")
    void runsItsOwnMigrationsUnderASchemaAwareModuleName(DualModeDatabase db) {
        try (SearchLibrary search = library(db)) {
            MigrationResult result = search.initialize();

            assertThat(result.status()).isEqualTo(MigrationResult.Status.SUCCESS);
            assertThat(result.module()).isEqualTo("search_search");
            assertThat(result.appliedFilenames()).containsExactly("001_documents.sql");
            assertThat(search.initialize().status()).isEqualTo(MigrationResult.Status.UP_TO_DATE);
            assertThat(db.database()).hasTable("documents").inSchema("search");
        }
    }

    @DualModeTest(schema = "search")
    void findsIndexedDocumentsBestFirst(DualModeDatabase db) {
        try (SearchLibrary search = library(db)) {
            search.initialize();
            search.index("p:1", "Walnut desk lamp with warm LED");
            search.index("p:2", "Brass floor lamp");
            search.index("p:3", "Oak reading chair");
            search.index("p:2", "Brass floor lamp, dimmable lamp");   // replaces

            assertThat(search.search("lamp")).extracting(SearchLibrary.Hit::ref).containsExactly("p:2", "p:1");
            assertThat(search.search("desk lamp")).extracting(SearchLibrary.Hit::ref).containsExactly("p:1");
            assertThat(search.search("sofa")).isEmpty();
            assertThat(search.count()).isEqualTo(3);
        }
    }

    @DualModeTest(schema = "search")
    void closesOnlyWhatItOpened(DualModeDatabase db) {
        SearchLibrary search = library(db);
        search.initialize();
        search.close();

        assertThat(search.isEmbedded()).isEqualTo(db.mode() == DualModeDatabase.Mode.LIBRARY);
        if (db.mode() == DualModeDatabase.Mode.LIBRARY) {
            assertThat(db.database().pool().isClosed()).isFalse();
            assertThat(search.count()).isZero();           // the borrowed manager still works
        } else {
            assertThatThrownBy(search::count).isInstanceOf(IllegalStateException.class).hasMessageContaining("initialize()");
        }
    }

    @Test
    void twoCopiesInOneDatabaseKeepSeparateTablesAndHistories(TestDatabase db) {
        SearchLibrary memory = new SearchLibrary(null, new DatabaseManager(db.pool(), "memory"), null);
        SearchLibrary docs = new SearchLibrary(null, new DatabaseManager(db.pool(), "docs"), null);
        memory.initialize();
        docs.initialize();
        memory.index("m:1", "remember the lamp");

        assertThat(docs.search("lamp")).isEmpty();
        assertThat(memory.search("lamp")).hasSize(1);
        assertThat(db.manager().fetchValue(String.class, "SELECT module_name FROM memory.schema_migrations"))
                .isEqualTo("search_memory");
        assertThat(db.manager().fetchValue(String.class, "SELECT module_name FROM docs.schema_migrations"))
                .isEqualTo("search_docs");
    }

    @Test
    void refusesNeitherAConnectionStringNorAManager() {
        assertThatThrownBy(() -> new SearchLibrary(null, null, "search"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pass a connection string")
                .hasMessageContaining("or a DatabaseManager");
    }

    @Test
    void refusesBothAndAWrongSchemaForABorrowedManager(TestDatabase db) {
        DatabaseManager borrowed = new DatabaseManager(db.pool(), "memory");
        assertThatThrownBy(() -> new SearchLibrary(db.config().toUrl(), borrowed, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pass one");
        assertThatThrownBy(() -> new SearchLibrary(null, borrowed, "other"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("new DatabaseManager(pool, \"other\")");
    }

    @Test
    void aClosedStandaloneLibraryHasClosedItsPool(TestDatabase db) {
        SearchLibrary search = new SearchLibrary(db.config().toBuilder().schema("search").minConnections(0).maxConnections(2).build());
        search.initialize();
        DatabaseManager own = search.db();
        search.close();

        assertThat(own.isConnected()).isFalse();
        assertThatThrownBy(() -> own.fetchValue("SELECT 1")).isInstanceOf(PoolException.class);
    }
}
