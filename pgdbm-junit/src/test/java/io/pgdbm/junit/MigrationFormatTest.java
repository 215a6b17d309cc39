package io.pgdbm.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;

/** {@code @PgdbmTest(format = ...)} and {@code pgdbm.test.migrations.format}: migrations of another tool, one setting. */
class MigrationFormatTest {

    @PgdbmTest(migrations = "classpath:db/flyway/plain", format = MigrationFormat.FLYWAY)
    static class FlywayFixture {
        @Test
        void seesFlywaysSchemaAndHistory(DatabaseManager db) {
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM accounts")).isEqualTo(1);
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(2);
        }
    }

    @PgdbmTest(migrations = {"classpath:preparers/sql/schema.sql", "classpath:preparers/sql/data"},
            format = MigrationFormat.SQL)
    static class SqlFixture {
        @Test
        void seesTheScripts(DatabaseManager db) {
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM countries")).isEqualTo(2);
        }
    }

    /** Configured by the suite's parameters alone. */
    @PgdbmTest
    static class SuiteFixture {
        @Test
        void seesFlywaysSchema(DatabaseManager db) {
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM accounts")).isEqualTo(1);
        }
    }

    @PgdbmTest(migrations = "classpath:db/flyway/plain", format = MigrationFormat.FLYWAY, schema = "shop")
    static class SchemaFixture {
        @Test
        void neverRuns(DatabaseManager db) {
        }
    }

    @PgdbmTest(migrations = {"a.xml", "b.xml"}, format = MigrationFormat.LIQUIBASE)
    static class TwoChangelogsFixture {
        @Test
        void neverRuns(DatabaseManager db) {
        }
    }

    @Test
    void flywayMigrationsNamedOnTheClass() {
        Engine.run(FlywayFixture.class).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    }

    @Test
    void sqlScriptsNamedOnTheClass() {
        Engine.run(SqlFixture.class).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    }

    @Test
    void theSuiteSetsTheFormatOnce() {
        Engine.run(SuiteFixture.class, Map.of("pgdbm.test.migrations", "classpath:db/flyway/plain",
                "pgdbm.test.migrations.format", "flyway")).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        Engine.run(SuiteFixture.class, Map.of("pgdbm.test.migrations.format", "flyaway")).allEvents().assertThatEvents()
                .haveAtLeast(1, failedWith("pgdbm.test.migrations.format must be pgdbm, flyway, liquibase or sql"));
    }

    @Test
    void settingsThatDoNotFitTheFormatAreExplained() {
        Engine.run(SchemaFixture.class).allEvents().assertThatEvents()
                .haveAtLeast(1, failedWith("schema and module describe pgdbm's migrations, not FLYWAY ones"));
        Engine.run(TwoChangelogsFixture.class).allEvents().assertThatEvents()
                .haveAtLeast(1, failedWith("format LIQUIBASE needs the one master changelog"));
    }

    private static org.assertj.core.api.Condition<org.junit.platform.testkit.engine.Event> failedWith(String text) {
        return EventConditions.finishedWithFailure(TestExecutionResultConditions.message(m -> m.contains(text)));
    }
}
