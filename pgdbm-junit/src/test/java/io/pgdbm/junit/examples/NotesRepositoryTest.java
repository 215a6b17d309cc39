package io.pgdbm.junit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.PgdbmTest;
import io.pgdbm.junit.TestDatabaseFactory;
import org.junit.jupiter.api.Test;

// docs/testing.md, "A database per test"
@PgdbmTest(migrations = "classpath:db/notes", module = "notes")
class NotesRepositoryTest {

    @Test
    void storesANote(DatabaseManager db) {
        db.execute("INSERT INTO {{tables.notes}} (body) VALUES ($1)", "hello");
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.notes}}")).isEqualTo(1L);
    }

    @Test
    void moreDatabasesAndSchemas(TestDatabaseFactory factory) {
        DatabaseManager archive = factory.createDatabase("archive");
        DatabaseManager library = factory.createSchema("notes_lib");
        assertThat(archive.tableExists("notes")).isTrue();
        assertThat(library.tableExists("notes")).isTrue();
    }
}
