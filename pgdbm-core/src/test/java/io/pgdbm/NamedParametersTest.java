package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NamedParametersTest {
    private static TestDatabase database;
    private static DatabaseManager db;

    record NewUser(long id, String email, BigDecimal creditLimit) {
    }

    public static final class UserForm {
        public long getId() {
            return 3;
        }

        public String getEmail() {
            return "bean@example.com";
        }

        public boolean isActive() {
            return true;
        }
    }

    @BeforeAll
    static void start() {
        database = TestDatabase.create("named");
        db = new DatabaseManager(database.config().toBuilder().schema("app").minConnections(1).maxConnections(2).build());
        db.connect();
    }

    @AfterAll
    static void stop() {
        db.close();
        database.close();
    }

    @BeforeEach
    void table() {
        db.execute("DROP TABLE IF EXISTS {{tables.users}};"
                + "CREATE TABLE {{tables.users}} (id bigint PRIMARY KEY, email text, credit_limit numeric, active boolean DEFAULT false)");
    }

    @Test
    void bindsNamesFromParamsAndAUsedTwiceNameIsOneParameter() {
        db.execute("INSERT INTO {{tables.users}} (id, email) VALUES (:id, :email)", Params.of("id", 1).and("email", "a@x.io"));
        assertThat(db.fetchValue(String.class, "SELECT email FROM {{tables.users}} WHERE id = :id OR email = :email AND :email IS NOT NULL",
                Params.of("email", "nobody").and("id", 1L))).isEqualTo("a@x.io");
    }

    @Test
    void bindsFromARecordABeanAndAMapWithJavaOrSnakeCaseNames() {
        db.execute("INSERT INTO {{tables.users}} (id, email, credit_limit) VALUES (:id, :email, :creditLimit)",
                Params.from(new NewUser(1, "record@x.io", new BigDecimal("10.5"))));
        db.execute("INSERT INTO {{tables.users}} (id, email, credit_limit) VALUES (:id, :email, :credit_limit)",
                Params.from(new NewUser(2, "snake@x.io", BigDecimal.ONE)));
        db.execute("INSERT INTO {{tables.users}} (id, email, active) VALUES (:id, :email, :active)", Params.from(new UserForm()));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", 4);
        map.put("email", null);
        db.execute("INSERT INTO {{tables.users}} (id, email) VALUES (:id, :email)", Params.from(map));
        assertThat(db.fetchAll(NewUser.class, "SELECT id, email, credit_limit FROM {{tables.users}} ORDER BY id"))
                .containsExactly(new NewUser(1, "record@x.io", new BigDecimal("10.5")), new NewUser(2, "snake@x.io", BigDecimal.ONE),
                        new NewUser(3, "bean@example.com", null), new NewUser(4, null, null));
        assertThat(db.fetchValue(Boolean.class, "SELECT active FROM {{tables.users}} WHERE id = 3")).isTrue();
    }

    @Test
    void castsLiteralsCommentsAndDollarQuotesAreNotNames() {
        Object value = db.fetchValue("""
                SELECT :v::text || ':not' || $$ :nor $$ || E'\\':neither' -- :comment
                /* :block */ || ":quoted" FROM (SELECT 1 AS ":quoted") q""", Params.of("v", "x"));
        assertThat(value).isEqualTo("x:not :nor ':neither1");
    }

    @Test
    void everyQueryMethodTakesParams() {
        Params p = Params.of("id", 9).and("email", "n@x.io");
        assertThat(db.executeAndReturnId("INSERT INTO {{tables.users}} (id, email) VALUES (:id, :email)", p)).isEqualTo(9L);
        assertThat(db.fetchOne("SELECT * FROM {{tables.users}} WHERE id = :id", p)).isPresent();
        assertThat(db.fetchSingle("SELECT * FROM {{tables.users}} WHERE id = :id", p).getString("email")).isEqualTo("n@x.io");
        assertThat(db.fetchAll("SELECT * FROM {{tables.users}} WHERE id = :id", p)).hasSize(1);
        Long id = db.transaction(tx -> tx.fetchValue(Long.class, "SELECT id FROM {{tables.users}} WHERE email = :email", p));
        assertThat(id).isEqualTo(9L);
    }

    @Test
    void aMissingNameOrAMixOfStylesIsRefusedNamingTheProblem() {
        assertThatThrownBy(() -> db.fetchAll("SELECT * FROM {{tables.users}} WHERE id = :id AND email = :mail",
                Params.of("id", 1).and("email", "secret-looking-value-that-is-long")))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("no value for :mail")
                .hasMessageContaining("[id, email]")
                .hasMessageNotContaining("secret-looking-value-that-is-long");
        assertThatThrownBy(() -> db.fetchAll("SELECT * FROM {{tables.users}} WHERE id = $1", Params.of("id", 1)))
                .isInstanceOf(QueryException.class).hasMessageContaining("write every parameter as :name");
        assertThatThrownBy(() -> db.fetchAll("SELECT * FROM {{tables.users}}", Params.of("id", 1)))
                .isInstanceOf(QueryException.class).hasMessageContaining("no :name parameter");
        assertThatThrownBy(() -> db.fetchAll("SELECT * FROM {{tables.users}} WHERE id = :id", Map.of("id", 1)))
                .isInstanceOf(QueryException.class).hasMessageContaining("Params.from(map)");
    }

    @Test
    void paramsPrintNamesWithMaskedValues() {
        assertThat(Params.of("password", "a-very-long-secret-value-indeed").and("n", 1).toString())
                .isEqualTo("Params[password=<str:31 chars>, n=1]");
        assertThat(List.of(Params.of("a", 1))).hasSize(1);
    }
}
