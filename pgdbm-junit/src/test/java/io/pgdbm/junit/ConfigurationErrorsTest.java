package io.pgdbm.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import io.pgdbm.PgdbmException;
import io.pgdbm.SchemaException;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Mistakes in a test's set-up fail loudly, naming what is wrong, before anything is created. */
class ConfigurationErrorsTest {

    @PgdbmTest(migrations = "classpath:db/no-such-folder")
    static class MissingMigrationsCase {
        @Test
        void usesTheDatabase(DatabaseManager db) {
            db.execute("SELECT 1");
        }
    }

    @Test
    void aMissingMigrationsLocationFailsTheTestNamingIt() {
        EngineExecutionResults results = Engine.run(MissingMigrationsCase.class);
        assertThat(results.testEvents().succeeded().count()).isZero();
        Throwable t = results.allEvents().failed().stream().findFirst().orElseThrow()
                .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(t).hasMessageContaining("classpath:db/no-such-folder").hasMessageContaining("does not exist")
                .hasMessageContaining("@PgdbmTest(migrations");
    }

    @Test
    void aFactoryOnAMissingDirectoryFailsNamingIt() {
        assertThatThrownBy(() -> TestDatabaseFactory.create(Engine.server(), "/no/such/migrations"))
                .isInstanceOf(PgdbmException.class).hasMessageContaining("/no/such/migrations")
                .hasMessageContaining("no directory");
    }

    @Test
    void createDatabaseWithASchemaMigratesTheModuleIntoThatSchema() {
        try (TestDatabaseFactory factory = TestDatabaseFactory.create(Engine.server(), "classpath:db/notes")) {
            DatabaseManager db = factory.createDatabase("inschema", "library");
            assertThat(db.schema()).contains("library");
            db.execute("INSERT INTO {{tables.notes}} (body) VALUES ('in the schema')");
            assertThat(db.fetchValue(String.class, "SELECT table_schema FROM information_schema.tables"
                    + " WHERE table_name = 'notes'")).isEqualTo("library");
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM library.notes")).isEqualTo(1L);
        }
    }

    @Test
    void aHostileSchemaNameIsRefusedBeforeAnyDatabaseIsCreated() throws Exception {
        try (TestDatabaseFactory factory = TestDatabaseFactory.create(Engine.server(), "classpath:db/notes")) {
            String probe = factory.createDatabase("probe").fetchValue(String.class, "SELECT current_database()");
            assertThatThrownBy(() -> factory.createDatabase("hostile", "x\"; DROP DATABASE postgres; --"))
                    .isInstanceOf(SchemaException.class);
            assertThat(Engine.databases(Engine.runPrefix(probe))).noneMatch(name -> name.endsWith("_hostile"));
        }
    }
}
