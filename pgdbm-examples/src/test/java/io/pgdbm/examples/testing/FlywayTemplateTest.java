package io.pgdbm.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.MigrationFormat;
import io.pgdbm.junit.PgdbmTest;
import org.junit.jupiter.api.Test;

/** A template built by Flyway from the application's own migrations (src/test/resources/db/migration here). */
// snippet:flyway
@PgdbmTest(migrations = "classpath:db/migration", format = MigrationFormat.FLYWAY)
class FlywayTemplateTest {

    @Test
    void opensAnAccount(DatabaseManager db) {
        db.execute("INSERT INTO accounts (email) VALUES ('ada@example.com')");
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM accounts")).isEqualTo(1L);
    }

    @Test
    void startsFromTheMigratedSchemaAgain(DatabaseManager db) {
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM accounts")).isZero(); // no other test's rows
        assertThat(db.fetchValue(String.class,
                "SELECT max(version) FROM flyway_schema_history WHERE success")).isEqualTo("2");
    }
}
// end:flyway
