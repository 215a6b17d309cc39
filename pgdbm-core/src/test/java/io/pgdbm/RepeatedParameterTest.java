package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code $n} used twice is one server parameter, typed from all its uses as PostgreSQL's own {@code PREPARE} types
 * it: {@code 'a' = $1 OR $1 IS NULL} works for every type of argument, where binding each use separately left the
 * second use untyped (SQLState 42P18).
 */
class RepeatedParameterTest {
    private static TestDatabase database;
    private static DatabaseManager db;

    enum Colour { RED }

    @BeforeAll
    static void start() {
        database = TestDatabase.create("repeat");
        db = new DatabaseManager(database.config().toBuilder().schema("app").minConnections(1).maxConnections(2).build());
        db.connect();
    }

    @AfterAll
    static void stop() {
        db.close();
        database.close();
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("text", "a"),
                Arguments.of("int", 7),
                Arguments.of("bigint", 7_000_000_000L),
                Arguments.of("smallint", (short) 3),
                Arguments.of("numeric", new BigDecimal("12.50")),
                Arguments.of("double precision", 2.5d),
                Arguments.of("real", 1.5f),
                Arguments.of("boolean", true),
                Arguments.of("uuid", UUID.fromString("00000000-0000-0000-0000-000000000001")),
                Arguments.of("date", LocalDate.of(2024, 2, 29)),
                Arguments.of("timestamp", LocalDateTime.of(2024, 2, 29, 12, 30)),
                Arguments.of("timestamptz", OffsetDateTime.of(2024, 2, 29, 12, 30, 0, 0, ZoneOffset.UTC)),
                Arguments.of("timestamptz", Instant.parse("2024-02-29T12:30:00Z")),
                Arguments.of("time", LocalTime.of(12, 30)),
                Arguments.of("bytea", new byte[] {1, 2, 3}),
                Arguments.of("text", Colour.RED),
                Arguments.of("int[]", List.of(1, 2)),
                Arguments.of("text[]", new Object[] {"x", "y"}),
                Arguments.of("jsonb", Json.raw("{\"k\": 1}")));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("values")
    void aRepeatedParameterIsTypedFromEveryUse(String type, Object value) {
        // the first use types the parameter; the second (IS NULL) gives no type of its own
        String sql = "SELECT $1::" + type + " IS NOT DISTINCT FROM $1 AND $1 IS NOT NULL";
        assertThat(db.fetchValue(Boolean.class, sql, value)).isTrue();
        assertThat(db.fetchValue(Boolean.class, "SELECT $1::" + type + " IS NULL OR $1 IS NULL", (Object) null)).isTrue();
    }

    @Test
    void aStringWhoseFirstUseGivesNoTypeFailsExactlyAsPrepareDoes() {
        // PREPARE p AS SELECT $1 IS NULL OR $1::text IS NOT NULL fails the same way: the first use decides the type
        assertThatThrownBy(() -> db.fetchValue("SELECT $1 IS NULL OR $1::text IS NOT NULL", "a"))
                .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).contains("42P08"));
        assertThat(db.fetchValue(Boolean.class, "SELECT $1 IS NULL OR $1::text IS NOT NULL", 5)).isTrue(); // typed by the driver
    }

    @Test
    void theIssuesQueryWorksAsWithPrepare() {
        assertThat(db.fetchValue(Boolean.class, "SELECT 'a' = $1 OR $1 IS NULL", "a")).isTrue();
        assertThat(db.fetchValue(Boolean.class, "SELECT 'a' = $1 OR $1 IS NULL", (Object) null)).isTrue();
        db.execute("CREATE TABLE {{tables.people}} (name text, nick text)");
        db.execute("INSERT INTO {{tables.people}} VALUES ('ann', NULL), ('bob', 'b')");
        assertThat(db.fetchAll(String.class, "SELECT name FROM {{tables.people}} WHERE nick = $1 OR ($1 IS NULL AND nick IS NULL)", "b"))
                .containsExactly("bob");
        assertThat(db.fetchAll(String.class, "SELECT name FROM {{tables.people}} WHERE nick = $1 OR ($1 IS NULL AND nick IS NULL)", (Object) null))
                .containsExactly("ann");
    }

    @Test
    void repeatsWorkInAScriptOfSeveralStatementsAndInBatches() {
        db.execute("CREATE TABLE {{tables.pairs}} (a text, b text)");
        db.execute("INSERT INTO {{tables.pairs}} VALUES ($1, $1); INSERT INTO {{tables.pairs}} VALUES ($2, $1)", "x", "y");
        assertThat(db.fetchAll(String.class, "SELECT a || b FROM {{tables.pairs}} ORDER BY 1")).containsExactly("xx", "yx");
        db.executeMany("INSERT INTO {{tables.pairs}} VALUES ($1, $1)", List.of(new Object[] {"p"}, new Object[] {"q"}));
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.pairs}} WHERE a = b")).isEqualTo(3);
    }
}
