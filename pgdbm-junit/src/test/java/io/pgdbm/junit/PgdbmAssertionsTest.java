package io.pgdbm.junit;

import static io.pgdbm.junit.PgdbmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import io.pgdbm.migration.MigrationManager;
import org.junit.jupiter.api.Test;

@PgdbmTest
class PgdbmAssertionsTest {

    @Test
    void tablesRowCountsAndQueries(TestDatabase db) {
        DatabaseManager app = new DatabaseManager(db.pool(), "app");
        SampleData.createTables(app);
        SampleData.load(app);

        assertThat(app).hasTable("users").inSchema("app");
        assertThat(db).hasTable("users").inSchema("app");
        assertThat(app).table("users").hasRowCount(3);
        assertThat(app).table("{{tables.projects}}").isNotEmpty();
        assertThat(app).doesNotHaveTable("nope");
        assertThat(app).query("SELECT 1 FROM {{tables.users}} WHERE email = $1", "bob@example.com").returnsRows();
        assertThat(app).query("SELECT 1 FROM {{tables.users}} WHERE email = $1", "eve@example.com").returnsNoRows();

        assertThatThrownBy(() -> assertThat(app).hasTable("nope")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("<nope> to exist in schema app");
        assertThatThrownBy(() -> assertThat(db).hasTable("users").inSchema("public"))
                .hasMessageContaining("in schema <public>, but it is in [app]");
        assertThatThrownBy(() -> assertThat(app).table("users").hasRowCount(2))
                .hasMessageContaining("to have 2 row(s), but it has 3");
    }

    @Test
    void migrationResults(DatabaseManager db) {
        MigrationManager migrations = new MigrationManager(db, "classpath:db/notes", "notes");
        assertThat(migrations.applyPending()).succeeded().applied("001_notes.sql", "002_tags.sql");
        assertThat(migrations.applyPending()).isUpToDate().applied();
        assertThatThrownBy(() -> assertThat(migrations.applyPending()).applied("001_notes.sql"))
                .hasMessageContaining("to have applied [001_notes.sql], but it applied []");
    }
}
