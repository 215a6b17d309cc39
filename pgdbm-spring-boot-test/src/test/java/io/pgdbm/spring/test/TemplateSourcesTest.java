package io.pgdbm.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.junit.Fingerprint;
import io.pgdbm.junit.TemplatePreparer;
import io.pgdbm.junit.MigrationFormat;
import io.pgdbm.spring.test.app.NotesApplication;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Where the template comes from: the annotation, else the application's settings; and the error when neither says. */
class TemplateSourcesTest {

    @Test
    void sqlInitScriptsOfTheApplicationBuildTheTemplate() {
        assertPasses(SqlInitCase.class);
    }

    @Test
    void theAnnotationsMigrationsWinOverTheApplicationsFlyway() {
        assertPasses(AnnotationSqlCase.class);
    }

    @Test
    void aPreparerClassBuildsTheTemplate() {
        assertPasses(PreparerCase.class);
    }

    @Test
    void pgdbmMigrationsBuildTheTemplate() {
        assertPasses(PgdbmMigrationsCase.class);
    }

    @Test
    void nothingToBuildFromFailsNamingWhatWasLookedForAndTheFix() {
        EngineExecutionResults results = Engine.run(NothingCase.class, Map.of());
        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(Engine.rootMessage(results.testEvents().failed().list().get(0)))
                .contains("@AutoConfigurePgdbmDatabase on " + NothingCase.class.getName())
                .contains("spring.flyway.enabled=false")
                .contains("Liquibase is not on the class path")
                .contains("schema.sql")
                .contains("src/main/resources/db/migration")
                .contains("@AutoConfigurePgdbmDatabase(migrations = ");
    }

    private static void assertPasses(Class<?> fixture) {
        EngineExecutionResults results = Engine.run(fixture, Map.of());
        results.allEvents().failed().stream().forEach(e -> assertThat(Engine.rootMessage(e)).as("failure").isNull());
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    }

    private static List<String> tables(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " ORDER BY 1", String.class);
    }

    @SpringBootTest(classes = NotesApplication.class, properties = {"spring.flyway.enabled=false",
        "spring.sql.init.schema-locations=classpath:sql/schema.sql", "spring.sql.init.data-locations=classpath:sql/data.sql"})
    @AutoConfigurePgdbmDatabase
    static class SqlInitCase {
        @Autowired
        JdbcTemplate jdbc;

        @Test
        void hasTheScriptsTablesAndRows() {
            assertThat(tables(jdbc)).containsExactly("labels");
            assertThat(jdbc.queryForList("SELECT name FROM labels", String.class)).containsExactly("from-data-sql");
        }
    }

    @SpringBootTest(classes = NotesApplication.class)
    @AutoConfigurePgdbmDatabase(migrations = {"classpath:sql/schema.sql", "classpath:sql/data.sql"}, format = MigrationFormat.SQL)
    static class AnnotationSqlCase {
        @Autowired
        JdbcTemplate jdbc;

        @Test
        void hasTheScriptsTablesOnly() {
            assertThat(tables(jdbc)).containsExactly("labels");
        }
    }

    /** Builds a table of its own. */
    public static final class Colours implements TemplatePreparer {
        @Override
        public String identity() {
            return "colours";
        }

        @Override
        public void fingerprint(Fingerprint fingerprint) {
            fingerprint.add("colours", "v1");
        }

        @Override
        public void prepare(DataSource dataSource) throws Exception {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE colours (name text PRIMARY KEY)");
            }
        }
    }

    @SpringBootTest(classes = NotesApplication.class)
    @AutoConfigurePgdbmDatabase(preparer = Colours.class)
    static class PreparerCase {
        @Autowired
        JdbcTemplate jdbc;

        @Test
        void hasThePreparersTable() {
            assertThat(tables(jdbc)).containsExactly("colours");
        }
    }

    @SpringBootTest(classes = NotesApplication.class)
    @AutoConfigurePgdbmDatabase(migrations = "classpath:db/pgdbm", format = MigrationFormat.PGDBM)
    static class PgdbmMigrationsCase {
        @Autowired
        JdbcTemplate jdbc;

        @Test
        void hasTheMigrationsTable() {
            assertThat(tables(jdbc)).contains("items").doesNotContain("notes");
        }
    }

    @SpringBootTest(classes = NotesApplication.class, properties = "spring.flyway.enabled=false")
    @AutoConfigurePgdbmDatabase
    static class NothingCase {
        @Test
        void neverRuns() {
        }
    }
}
