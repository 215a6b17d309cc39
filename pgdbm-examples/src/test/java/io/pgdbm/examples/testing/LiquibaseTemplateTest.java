package io.pgdbm.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.PgdbmExtension;
import io.pgdbm.junit.TemplatePreparer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A template built by Liquibase from the application's changelog (src/test/resources/db/changelog here). */
// snippet:liquibase
class LiquibaseTemplateTest {

    @RegisterExtension
    PgdbmExtension pgdbm = PgdbmExtension.builder()
            .preparer(TemplatePreparer.liquibase("db/changelog/db.changelog-master.yaml", Map.of("contexts", "test")))
            .build();

    @Test
    void startsWithTheTestContextsData(DatabaseManager db) {
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM accounts")).isEqualTo(1L);
        db.execute("UPDATE accounts SET balance = 0");
    }

    @Test
    void getsAFreshCopyOfTheTemplate(DatabaseManager db) {
        assertThat(db.fetchValue(String.class, "SELECT balance::text FROM accounts")).isEqualTo("100.00");
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM databasechangelog")).isEqualTo(2L);
    }
}
// end:liquibase
