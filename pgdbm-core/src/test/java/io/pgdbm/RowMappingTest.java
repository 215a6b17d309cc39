package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RowMappingTest {
    private static TestDatabase database;
    private static DatabaseManager db;

    record User(long id, String email) {
        User {
            if (email != null && !email.contains("@")) {
                throw new IllegalArgumentException("not an email: " + email);
            }
        }
    }

    private static final RowMapper<String> LABEL = row -> row.getLong("id") + ":" + row.getString("email");

    @BeforeAll
    static void start() {
        database = TestDatabase.create("mapping");
        db = new DatabaseManager(database.config().toBuilder().schema("app").minConnections(1).maxConnections(2).build());
        db.connect();
        db.execute("CREATE TABLE {{tables.users}} (id bigint PRIMARY KEY, email text);"
                + "INSERT INTO {{tables.users}} VALUES (1, 'a@x.io'), (2, 'b@x.io'), (3, 'c@x.io')");
    }

    @AfterAll
    static void stop() {
        db.close();
        database.close();
    }

    @Test
    void aRowMapperIsAcceptedByEveryFetch() {
        String all = "SELECT id, email FROM {{tables.users}} ORDER BY id";
        assertThat(db.fetchAll(LABEL, all)).containsExactly("1:a@x.io", "2:b@x.io", "3:c@x.io");
        assertThat(db.fetchOne(LABEL, all)).contains("1:a@x.io");
        assertThat(db.fetchOne(LABEL, "SELECT id, email FROM {{tables.users}} WHERE id = $1", 99)).isEmpty();
        assertThat(db.fetchSingle(LABEL, "SELECT id, email FROM {{tables.users}} WHERE id = $1", 2)).isEqualTo("2:b@x.io");
        try (var stream = db.fetchStream(LABEL, all)) {
            assertThat(stream).containsExactly("1:a@x.io", "2:b@x.io", "3:c@x.io");
        }
        List<String> inTx = db.transaction(tx -> tx.fetchAll(LABEL, all));
        assertThat(inTx).hasSize(3);
    }

    @Test
    void fetchSingleWantsExactlyOneRowWhereFetchOneTakesTheFirst() {
        String byId = "SELECT id, email FROM {{tables.users}} WHERE id >= $1 ORDER BY id";
        assertThat(db.fetchSingle(User.class, byId, 3)).isEqualTo(new User(3, "c@x.io"));
        assertThat(db.fetchSingle(byId, 3).getString("email")).isEqualTo("c@x.io");
        assertThat(db.fetchOne(User.class, byId, 1)).contains(new User(1, "a@x.io"));
        assertThatThrownBy(() -> db.fetchSingle(User.class, byId, 2))
                .isInstanceOfSatisfying(ResultSizeException.class, e -> assertThat(e.noRow()).isFalse())
                .hasMessageContaining("expected exactly one row but the query returned more");
        assertThatThrownBy(() -> db.fetchSingle(byId, 4))
                .isInstanceOfSatisfying(ResultSizeException.class, e -> assertThat(e.noRow()).isTrue())
                .isInstanceOf(PgdbmException.class)
                .hasMessageContaining("returned none");
    }

    @Test
    void mappingErrorsArePgdbmExceptionsThatKeepTheirCause() {
        assertThatThrownBy(() -> db.fetchAll(User.class, "SELECT id FROM {{tables.users}}"))
                .isInstanceOf(MappingException.class).isInstanceOf(PgdbmException.class)
                .hasMessageContaining("record User has components [email] with no matching column");
        assertThatThrownBy(() -> db.fetchOne(User.class, "SELECT 1 AS id, 'nope' AS email"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("rejected the row")
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .cause().hasMessage("not an email: nope");
        assertThatThrownBy(() -> db.fetchOne(User.class, "SELECT NULL::bigint AS id, 'a@x.io' AS email"))
                .isInstanceOf(MappingException.class).hasMessageContaining("User.id is a primitive long but the column is NULL");
        assertThatThrownBy(() -> db.fetchValue(Integer.class, "SELECT 5000000000::bigint"))
                .isInstanceOf(MappingException.class).hasCauseInstanceOf(ArithmeticException.class);
        Row row = db.fetchSingle("SELECT 'x' AS v");
        assertThatThrownBy(() -> row.get("v", java.util.UUID.class))
                .isInstanceOf(MappingException.class).hasMessageContaining("column 'v'").hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> row.getLong("w")).isInstanceOf(MappingException.class).hasMessageContaining("columns: [v]");
    }

    @Test
    void recordsWithOptionalComponentsAndBeansStillMap() {
        record Partial(long id, Optional<String> nickname) {
        }
        assertThat(db.fetchAll(Partial.class, "SELECT id FROM {{tables.users}} WHERE id = 1"))
                .containsExactly(new Partial(1, Optional.empty()));
    }

    @Test
    void readsBuiltInTypesAsTheDriversGetObjectDoesWithNullsKept() throws Exception {
        String sql = "SELECT 1::int2 AS a, 2::int4 AS b, 3::int8 AS c, 't'::text AS d, 'v'::varchar AS e, true AS f,"
                + " 1.5::float8 AS g, 2.5::float4 AS h, 3.25::numeric AS i, 'NaN'::numeric AS j, 'b '::char(2) AS k,"
                + " NULL::int4 AS l, NULL::int8 AS m, NULL::bool AS n, NULL::float8 AS o, NULL::numeric AS p, NULL::text AS q,"
                + " 0::int4 AS r, false AS s, 0::float4 AS t";
        Row row = db.fetchSingle(sql);
        try (java.sql.Connection c = database.rawConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                String label = rs.getMetaData().getColumnLabel(i);
                Object expected = rs.getObject(i);
                assertThat(row.get(label)).as(label).isEqualTo(expected);
                if (expected != null) {
                    assertThat(row.get(label)).as(label).isExactlyInstanceOf(expected.getClass());
                }
            }
        }
    }
}
