package io.pgdbm.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import io.pgdbm.PgdbmException;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Templates built from plain SQL scripts, run as psql runs them; each test gets a fresh clone. */
class SqlScriptsPreparerTest {

    @RegisterExtension
    PgdbmExtension pgdbm = PgdbmExtension.builder()
            .preparer(TemplatePreparer.sqlScripts("classpath:preparers/sql/schema.sql", "classpath:preparers/sql/data"))
            .build();

    @RepeatedTest(2)
    void everyTestStartsFromThePreparedTemplate(DatabaseManager db) {
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM countries")).isEqualTo(2);
        assertThat(db.fetchValue(Long.class, "SELECT order_count()")).as("the data directory ran after the schema")
                .isEqualTo(1);
        db.execute("INSERT INTO orders (country) VALUES ('fr')"); // the next repetition must not see it
        assertThat(db.fetchValue(Long.class, "SELECT order_count()")).isEqualTo(2);
    }

    @Test
    void statementsRunInAutocommitAsUnderPsql(DatabaseManager db) {
        assertThat(db.fetchValue(String.class, "SELECT state::text FROM orders"))
                .as("an enum value added by one statement is usable by the next").isEqualTo("shipped");
        assertThat(db.fetchValue(String.class, "SELECT obj_description('orders'::regclass)"))
                .as("the script's own BEGIN/COMMIT group").isEqualTo("grouped in a transaction of the script's own");
        assertThat(db.fetchValue(String.class, "SELECT name FROM countries WHERE code = 'fr'"))
                .as("CRLF line ends").isEqualTo("France");
    }

    @Test
    void aFailingStatementNamesTheScriptAndLineAndLeavesNoTemplate() throws Exception {
        List<String> before = Engine.databases("pgdbm_tpl_");
        try (TestDatabaseFactory factory = TestDatabaseFactory.create(Engine.server(),
                TemplatePreparer.sqlScripts("classpath:preparers/broken/schema.sql"))) {
            assertThatThrownBy(factory::createTestDatabase).isInstanceOf(PgdbmException.class)
                    .hasMessageContaining("sql scripts [classpath:preparers/broken/schema.sql]")
                    .hasMessageContaining("statement at line 3")
                    .hasMessageContaining("no_such_table");
        }
        assertThat(Engine.databases("pgdbm_tpl_")).as("the failed build was dropped").isEqualTo(before);
    }

    @Test
    void psqlMetaCommandsAndMissingLocationsAreExplained() {
        try (TestDatabaseFactory factory = TestDatabaseFactory.create(Engine.server(),
                TemplatePreparer.sqlScripts("classpath:preparers/meta/schema.sql"))) {
            assertThatThrownBy(factory::createTestDatabase).hasMessageContaining("line 2")
                    .hasMessageContaining("meta-command '\\i other.sql'");
        }
        try (TestDatabaseFactory factory = TestDatabaseFactory.create(Engine.server(),
                TemplatePreparer.sqlScripts("classpath:preparers/no-such.sql"))) {
            assertThatThrownBy(factory::createTestDatabase).hasMessageContaining("classpath:preparers/no-such.sql")
                    .hasMessageContaining("holds no file");
        }
    }
}
