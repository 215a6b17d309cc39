package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** R6 and R10 in core: no password in any message, no option injected through a setting, valid SQL for key words. */
class SecretsAndInjectionTest {
    private static final String SECRET = "Tr0ub4dor";
    private static TestDatabase database;

    @BeforeAll
    static void create() {
        database = TestDatabase.create("secrets");
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "?", "@", "%", "#", ":", " ", "%zz", "/x?y#z@"})
    void aPasswordWithARawReservedCharacterIsReadOrRefusedWithoutShowingIt(String raw) {
        String password = "a" + raw + SECRET;
        String url = "postgresql://app:" + password + "@db.example.com:5432/shop";
        Throwable thrown = catchThrowable(() -> {
            DatabaseConfig c = DatabaseConfig.fromUrl(url);
            // read: then exactly as written, and never shown
            assertThat(c.password()).contains(password);
            assertThat(c.host()).isEqualTo("db.example.com");
            assertThat(c.database()).isEqualTo("shop");
            assertThat(c.maskedUrl()).doesNotContain(SECRET);
            assertThat(c.toString()).doesNotContain(SECRET);
        });
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(ConfigurationException.class);
            assertThat(thrown.getMessage()).doesNotContain(SECRET).contains("%25");
        }
    }

    @Test
    void aPasswordWithASlashIsRefusedNamingTheFix() {
        assertThatThrownBy(() -> DatabaseConfig.fromUrl("postgresql://app:ab/" + SECRET + "@db:5432/shop"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not percent-encoded").hasMessageContaining("%2F").hasMessageNotContaining(SECRET);
        assertThat(DatabaseConfig.fromUrl("postgresql://app:ab%2F" + SECRET + "@db:5432/shop").password())
                .contains("ab/" + SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"on\t-c log_statement=all", "x\n-c shared_buffers=1", "x\r", "x\u0000"})
    void aServerSettingValueWithATabOrLineBreakIsRefused(String value) {
        assertThatThrownBy(() -> DatabaseConfig.builder().serverSetting("jit", value).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'jit'")
                .hasMessageContaining("single-line");
    }

    @Test
    void aServerSettingValueWithSpacesStillWorks() {
        DatabaseConfig config = database.config().toBuilder().minConnections(0).maxConnections(1)
                .serverSetting("search_path", "public, pg_catalog").build();
        try (DatabaseManager db = new DatabaseManager(config)) {
            db.connect();
            assertThat(db.fetchValue(String.class, "SHOW search_path")).isEqualTo("public, pg_catalog");
        }
    }

    @Test
    void anEchoedParameterIsHiddenEvenWhenTheServerLowerCasesOrCutsIt() {
        String secret = "SuperSecretValue-" + SECRET + "-0123456789";
        try (DatabaseManager db = new DatabaseManager(database.config().toBuilder().minConnections(0).maxConnections(1).build())) {
            db.connect();
            db.execute("CREATE TABLE IF NOT EXISTS echo_unique (v text UNIQUE)");
            db.execute("INSERT INTO echo_unique VALUES (lower($1))", secret);
            // the unique violation's detail repeats the stored (lower-cased) value
            Throwable dup = catchThrowable(() -> db.execute("INSERT INTO echo_unique VALUES (lower($1))", secret));
            // a failed cast quotes the input as given
            Throwable cast = catchThrowable(() -> db.fetchValue("SELECT $1::int", secret));
            for (Throwable t : List.of(dup, cast)) {
                assertThat(t).isInstanceOf(QueryException.class);
                String all = t.getMessage() + String.valueOf(t.getCause());
                assertThat(all).doesNotContainIgnoringCase(SECRET).doesNotContainIgnoringCase("SuperSecretValue");
            }
        }
    }

    @Test
    void aReservedWordAsATableNameRendersValidSqlWithAndWithoutASchema() {
        DatabaseConfig base = database.config().toBuilder().minConnections(0).maxConnections(1).build();
        try (DatabaseManager plain = new DatabaseManager(base);
                DatabaseManager inSchema = new DatabaseManager(base.toBuilder().schema("keywords").build())) {
            plain.connect();
            inSchema.connect();
            for (DatabaseManager db : List.of(plain, inSchema)) {
                db.execute("CREATE TABLE {{tables.user}} (id int, ref int)");
                db.execute("CREATE TABLE {{tables.order}} (id int)");
                db.execute("INSERT INTO {{tables.user}} (id, ref) VALUES (1, 2)");
                assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.user}} u JOIN {{tables.order}} o ON true"))
                        .isZero();
                assertThat(db.tableExists("user")).isTrue();
                db.execute("DROP TABLE {{tables.user}}, {{tables.order}}");
            }
        }
    }
}
