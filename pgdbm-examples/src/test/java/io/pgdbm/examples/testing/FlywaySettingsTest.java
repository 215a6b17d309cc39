package io.pgdbm.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.PgdbmExtension;
import io.pgdbm.junit.TemplatePreparer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Flyway's own configuration properties, for everything beyond the locations. */
class FlywaySettingsTest {

    // snippet:flyway-settings
    @RegisterExtension
    PgdbmExtension pgdbm = PgdbmExtension.builder()
            .preparer(TemplatePreparer.flyway(Map.of(
                    "flyway.locations", "classpath:db/migration",
                    "flyway.schemas", "bank",
                    "flyway.target", "1")))
            .build();
    // end:flyway-settings

    @Test
    void migratesIntoTheConfiguredSchemaUpToTheTarget(DatabaseManager db) {
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM bank.accounts")).isZero();
        assertThat(db.fetchValue(String.class, "SELECT to_regclass('bank.transfers')::text")).isNull();
        assertThat(db.fetchValue(String.class, "SELECT max(version) FROM bank.flyway_schema_history")).isEqualTo("1");
    }
}
