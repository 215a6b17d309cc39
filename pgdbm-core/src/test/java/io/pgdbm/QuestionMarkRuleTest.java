package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one rule for {@code ?}: {@code ??} is always the jsonb operator {@code ?}; a single {@code ?} is a placeholder
 * only in a statement given positional arguments and written without {@code $n}; everywhere else it is the operator.
 */
class QuestionMarkRuleTest {
    private static TestDatabase database;
    private static DatabaseManager db;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("qmark");
        db = new DatabaseManager(database.config().toBuilder().schema("app").minConnections(1).maxConnections(2).build());
        db.connect();
        db.execute("CREATE TABLE {{tables.docs}} (id int, data jsonb);"
                + "INSERT INTO {{tables.docs}} VALUES (1, '{\"a\": 1}'), (2, '{\"b\": 2}')");
    }

    @AfterAll
    static void stop() {
        db.close();
        database.close();
    }

    @Test
    void doubledQuestionMarkIsTheOperatorInEveryMode() {
        assertThat(db.fetchAll(Integer.class, "SELECT id FROM {{tables.docs}} WHERE data ?? 'a'")).containsExactly(1);
        assertThat(db.fetchAll(Integer.class, "SELECT id FROM {{tables.docs}} WHERE data ?? 'a' AND id = $1", 1)).containsExactly(1);
        assertThat(db.fetchAll(Integer.class, "SELECT id FROM {{tables.docs}} WHERE data ?? 'a' AND id = ?", 1)).containsExactly(1);
        assertThat(db.fetchAll(Integer.class, "SELECT id FROM {{tables.docs}} WHERE data ?? 'a' AND id = :id", Params.of("id", 1)))
                .containsExactly(1);
        assertThat(db.fetchAll(Integer.class, "SELECT id FROM {{tables.docs}} WHERE data ??| array['a', 'b'] ORDER BY id"))
                .containsExactly(1, 2);
        assertThat(db.fetchAll(Integer.class, "SELECT id FROM {{tables.docs}} WHERE data ??& array['a', 'b'] AND id = ?", 1))
                .isEmpty();
    }

    @Test
    void singleQuestionMarkIsTheOperatorWithoutArgumentsWithDollarAndWithNames() {
        assertThat(db.fetchAll(Integer.class, "SELECT id FROM {{tables.docs}} WHERE data ? 'a'")).containsExactly(1);
        assertThat(db.fetchAll(Integer.class, "SELECT id FROM {{tables.docs}} WHERE data ? $1", "b")).containsExactly(2);
        assertThat(db.fetchAll(Integer.class, "SELECT id FROM {{tables.docs}} WHERE data ? :key", Params.of("key", "b")))
                .containsExactly(2);
        assertThat(db.fetchAll(Integer.class, "SELECT id FROM {{tables.docs}} WHERE data ?| $1 ORDER BY id",
                (Object) new String[] {"a", "b"})).containsExactly(1, 2);
    }

    @Test
    void singleQuestionMarkIsAPlaceholderWithPositionalArgumentsAndNoDollar() {
        assertThat(db.fetchAll(Integer.class, "SELECT id FROM {{tables.docs}} WHERE data ?? ?", "a")).containsExactly(1);
        // with ? placeholders every single ? is one: the operator must be doubled
        assertThatThrownBy(() -> db.fetchAll("SELECT id FROM {{tables.docs}} WHERE data ? ?", "a"))
                .isInstanceOf(QueryException.class).hasMessageContaining("expects 2 argument(s) but 1 were given");
        // the same text without arguments: both are operators, so the server reports a syntax error
        assertThatThrownBy(() -> db.fetchAll("SELECT id FROM {{tables.docs}} WHERE data ? ?"))
                .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).contains("42601"));
        // a ? where only a value can stand, next to a $n, is a mix of styles and refused before it runs
        assertThatThrownBy(() -> db.fetchAll("SELECT id FROM {{tables.docs}} WHERE id = ? AND data ? $1", "a"))
                .isInstanceOf(QueryException.class).hasMessageContaining("both parameter styles");
    }
}
