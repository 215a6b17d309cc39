package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseManagerTest {
    private static TestDatabase database;
    private static DatabaseConfig config;
    private static DatabaseManager db;

    record User(long id, String email, String fullName, Optional<String> nickname, Instant createdAt) {
    }

    public static final class UserBean {
        private long id;
        private String email;

        public void setId(long id) {
            this.id = id;
        }

        public void setEmail(String email) {
            this.email = email;
        }
    }

    @BeforeAll
    static void start() {
        database = TestDatabase.create("core");
        config = database.config();
        db = new DatabaseManager(config.toBuilder().schema("app").maxConnections(8).build());
        db.connect();
    }

    @AfterAll
    static void stop() {
        db.close();
        database.close();
    }

    @BeforeEach
    void resetTables() {
        db.execute("""
                DROP TABLE IF EXISTS {{tables.users}};
                CREATE TABLE {{tables.users}} (
                    id bigserial PRIMARY KEY,
                    email text UNIQUE NOT NULL,
                    full_name text,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    data jsonb,
                    tags text[]
                )""");
    }

    @Test
    void ownedManagerWithSchemaCreatesItAndSetsSearchPath() {
        assertThat(db.fetchValue(String.class, "SELECT current_schema()")).isEqualTo("app");
        assertThat(db.tableExists("users")).isTrue();
        assertThat(db.tableExists("app.users")).isTrue();
        assertThat(db.tableExists("public.users")).isFalse();
        assertThat(db.ownsPool()).isTrue();
        assertThat(db.schema()).contains("app");
        assertThat(db.prepareQuery("SELECT * FROM {{tables.users}}")).isEqualTo("SELECT * FROM \"app\".users");
    }

    @Test
    void dollarAndQuestionMarkParametersBothWork() {
        db.execute("INSERT INTO {{tables.users}} (email, full_name) VALUES ($1, $2)", "a@x.io", "Ann");
        db.execute("INSERT INTO {{tables.users}} (email, full_name) VALUES (?, ?)", "b@x.io", "Bob");
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.users}} WHERE email = $1 OR full_name = $1", "Ann"))
                .isEqualTo(1L);
        assertThat(db.fetchAll("SELECT email FROM {{tables.users}} WHERE full_name IN (?, ?) ORDER BY email", "Ann", "Bob"))
                .extracting(r -> r.getString("email")).containsExactly("a@x.io", "b@x.io");
    }

    @Test
    void executeReturnsAffectedRowsAndRunsScriptsWithoutArguments() {
        assertThat(db.execute("INSERT INTO {{tables.users}} (email) VALUES ('1'), ('2'), ('3')")).isEqualTo(3);
        assertThat(db.execute("UPDATE {{tables.users}} SET full_name = 'x' WHERE email <> $1", "1")).isEqualTo(2);
        db.execute("CREATE TEMP TABLE t1 (a int); INSERT INTO t1 VALUES (1); DROP TABLE t1");
    }

    @Test
    void rowsKeepColumnOrderAndJavaTimeTypes() {
        db.execute("INSERT INTO {{tables.users}} (email, full_name, data, tags) VALUES ($1, $2, $3, $4)",
                "a@x.io", "Ann", "{\"k\": 1}", new String[] {"x", "y"});
        Row row = db.fetchOne("SELECT id, email, full_name, created_at, data, tags, now()::date AS d, "
                + "now()::timestamp AS ts, 1.50::numeric AS n, gen_random_uuid() AS u FROM {{tables.users}}").orElseThrow();
        assertThat(row.keySet()).containsExactly("id", "email", "full_name", "created_at", "data", "tags", "d", "ts", "n", "u");
        assertThat(row.get("created_at")).isInstanceOf(OffsetDateTime.class);
        assertThat(row.getInstant("created_at")).isBefore(Instant.now().plusSeconds(5));
        assertThat(row.get("d")).isInstanceOf(LocalDate.class);
        assertThat(row.get("ts")).isInstanceOf(LocalDateTime.class);
        assertThat(row.get("data")).isEqualTo("{\"k\": 1}");
        assertThat((Object[]) row.get("tags")).containsExactly("x", "y");
        assertThat(row.getBigDecimal("n")).isEqualByComparingTo("1.5");
        assertThat(row.get("u")).isInstanceOf(UUID.class);
        assertThat(row.getInt("id")).isPositive();
        assertThatThrownBy(() -> row.getString("nope")).hasMessageContaining("no column 'nope'").hasMessageContaining("email");
    }

    @Test
    void bindsCollectionsArraysEnumsAndInstants() {
        db.execute("INSERT INTO {{tables.users}} (email, tags) VALUES ($1, $2)", "c@x.io", List.of("a", "b"));
        db.execute("INSERT INTO {{tables.users}} (email, tags, created_at) VALUES ($1, $2, $3)", "d@x.io",
                new String[] {"c"}, Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(db.fetchAll(String.class, "SELECT email FROM {{tables.users}} WHERE $1 = ANY(tags) ORDER BY email", "a"))
                .containsExactly("c@x.io");
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.users}} WHERE id = ANY($1)", new long[] {1, 2, 3}))
                .isPositive();
        assertThat(db.fetchValue(String.class, "SELECT $1::text", java.time.DayOfWeek.MONDAY)).isEqualTo("MONDAY");
        assertThat(db.fetchOne("SELECT created_at FROM {{tables.users}} WHERE email = $1", "d@x.io").orElseThrow()
                .getInstant("created_at")).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void jsonbOperatorsWorkInBothParameterStyles() {
        db.execute("INSERT INTO {{tables.users}} (email, data) VALUES ($1, $2)", "j@x.io", "{\"admin\": true}");
        assertThat(db.fetchValue(Boolean.class, "SELECT data ? 'admin' FROM {{tables.users}} WHERE email = $1", "j@x.io")).isTrue();
        assertThat(db.fetchValue(Boolean.class, "SELECT data ?| array['x','admin'] FROM {{tables.users}} WHERE email = $1", "j@x.io")).isTrue();
        assertThat(db.fetchValue(Boolean.class, "SELECT data ?? 'admin' FROM {{tables.users}} WHERE email = ?", "j@x.io")).isTrue();
        assertThat(db.fetchValue(Boolean.class, "SELECT '{\"a\":1}'::jsonb ? 'a'")).isTrue();
    }

    @Test
    void duplicateColumnLabelsAreRefused() {
        assertThatThrownBy(() -> db.fetchOne("SELECT 1 AS a, 2 AS a")).isInstanceOf(QueryException.class)
                .hasMessageContaining("labelled 'a'");
    }

    @Test
    void fetchOneReturnsFirstRowOrEmpty() {
        assertThat(db.fetchOne("SELECT * FROM {{tables.users}}")).isEmpty();
        assertThat(db.fetchOne("SELECT g FROM generate_series(5, 9) g ORDER BY g").orElseThrow().getInt("g")).isEqualTo(5);
        assertThat(db.fetchValue("SELECT 1 WHERE false")).isNull();
    }

    @Test
    void mapsRowsToRecordsBeansAndValues() {
        db.execute("INSERT INTO {{tables.users}} (email, full_name) VALUES ($1, $2)", "a@x.io", "Ann");
        User user = db.fetchOne(User.class, "SELECT * FROM {{tables.users}}").orElseThrow();
        assertThat(user.email()).isEqualTo("a@x.io");
        assertThat(user.fullName()).isEqualTo("Ann");
        assertThat(user.nickname()).isEmpty();
        assertThat(db.fetchAll(UserBean.class, "SELECT id, email FROM {{tables.users}}")).singleElement()
                .satisfies(b -> assertThat(b.email).isEqualTo("a@x.io"));
        assertThat(db.fetchAll(String.class, "SELECT email FROM {{tables.users}}")).containsExactly("a@x.io");
        assertThatThrownBy(() -> db.fetchOne(User.class, "SELECT id, email FROM {{tables.users}}"))
                .hasMessageContaining("fullName").hasMessageContaining("createdAt");
    }

    @Test
    void executeAndReturnIdAppendsReturningOnlyWhenMissing() {
        Object id = db.executeAndReturnId("INSERT INTO {{tables.users}} (email) VALUES ($1);  ", "r@x.io");
        assertThat(id).isInstanceOf(Long.class);
        Object email = db.executeAndReturnId("INSERT INTO {{tables.users}} (email) VALUES ($1) RETURNING email", "s@x.io");
        assertThat(email).isEqualTo("s@x.io");
        Object id2 = db.executeAndReturnId("INSERT INTO {{tables.users}} (email, full_name) VALUES ($1, 'RETURNING')", "t@x.io");
        assertThat(id2).isInstanceOf(Long.class);
    }

    @Test
    void executeManyBatchesAtomically() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            rows.add(new Object[] {"u" + i + "@x.io", "User " + i});
        }
        assertThat(db.executeMany("INSERT INTO {{tables.users}} (email, full_name) VALUES ($1, $2)", rows)).isEqualTo(2500);
        rows.add(new Object[] {"u0@x.io", "duplicate"});
        List<Object[]> more = new ArrayList<>(List.of(new Object[] {"new@x.io", "n"}, new Object[] {"u0@x.io", "dup"}));
        assertThatThrownBy(() -> db.executeMany("INSERT INTO {{tables.users}} (email, full_name) VALUES ($1, $2)", more))
                .isInstanceOf(QueryException.class);
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.users}}")).isEqualTo(2500L);
        assertThatThrownBy(() -> db.executeMany("DELETE FROM {{tables.users}}", List.<Object[]>of(new Object[0])))
                .isInstanceOf(QueryException.class).hasMessageContaining("needs a statement with parameters");
    }

    @Test
    void serverErrorsBecomeQueryExceptionsWithMaskedParameters() {
        String secret = "a-very-long-secret-value-1234567890";
        assertThatThrownBy(() -> db.execute("INSERT INTO {{tables.nope}} (a, b) VALUES ($1, $2)", secret, 42))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.sqlState()).contains("42P01");
                    assertThat(e.sql()).contains("\"app\".nope");
                    assertThat(e.getMessage()).contains("<str:35 chars>").contains("42").doesNotContain(secret)
                            .contains("42P01");
                    assertThat(e.getCause()).isInstanceOf(java.sql.SQLException.class);
                });
        assertThatThrownBy(() -> db.fetchAll("SELECT $1::int", 1, 2)).isInstanceOf(QueryException.class)
                .hasMessageContaining("expects 1 argument(s) but 2 were given");
        assertThatThrownBy(() -> db.fetchAll("SELECT $1 WHERE 1 = ?", 1)).isInstanceOf(QueryException.class);
    }

    @Test
    void hostileIdentifiersAreRejectedBeforeAnySqlRuns() {
        List<QueryEvent> events = new ArrayList<>();
        QueryListener listener = events::add;
        db.addQueryListener(listener);
        try {
            assertThatThrownBy(() -> db.execute("SELECT * FROM {{tables.1users}}")).isInstanceOf(SchemaException.class);
            assertThatThrownBy(() -> db.copyRecords("x; DROP TABLE users", List.of("a"), List.of())).isInstanceOf(SchemaException.class);
            assertThatThrownBy(() -> db.copyRecords("app.users", List.of("a"), List.of())).isInstanceOf(SchemaException.class)
                    .hasMessageContaining("unqualified");
            assertThatThrownBy(() -> db.copyRecords("users", List.of("a\"b"), List.of())).isInstanceOf(SchemaException.class);
            assertThat(events).isEmpty();
        } finally {
            db.removeQueryListener(listener);
        }
    }

    @Test
    void servesManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    db.execute("INSERT INTO {{tables.users}} (email) VALUES ($1)", "t" + n + "@x.io");
                    return db.fetchValue(Long.class, "SELECT $1::bigint * 2", (long) n);
                }));
            }
            long sum = 0;
            for (Future<Long> f : futures) {
                sum += f.get();
            }
            assertThat(sum).isEqualTo(2L * (199 * 200 / 2));
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.users}}")).isEqualTo(200L);
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.poolStats().max()).isEqualTo(8);
        assertThat(db.poolStats().total()).isLessThanOrEqualTo(8);
    }

    @Test
    void acquireGivesARawConnectionWithTheSearchPath() throws Exception {
        try (Connection c = db.acquire(); ResultSet rs = c.createStatement().executeQuery("SHOW search_path")) {
            rs.next();
            assertThat(rs.getString(1).replace(" ", "")).isEqualTo("\"app\",public");
        }
        assertThat(db.fetchValue(String.class, "SHOW jit")).isEqualTo("off");
        assertThat(db.fetchValue(String.class, "SHOW lock_timeout")).isEqualTo("5s");
        assertThat(db.fetchValue(String.class, "SHOW application_name")).isEqualTo("app_pool");
    }

    @Test
    void valuesRoundTrip() {
        db.execute("CREATE TEMP TABLE IF NOT EXISTS vals (b bytea, n numeric, d date, u uuid, ts timestamptz, i int[])");
        UUID u = UUID.randomUUID();
        Instant now = Instant.parse("2024-05-06T07:08:09.123456Z");
        // temp tables live on one connection; use a transaction to stay on it
        db.useTransaction(tx -> {
            tx.execute("CREATE TEMP TABLE vals2 (b bytea, n numeric, d date, u uuid, ts timestamptz, i int[]) ON COMMIT DROP");
            tx.execute("INSERT INTO vals2 VALUES ($1, $2, $3, $4, $5, $6)", new byte[] {1, 2, 3}, new BigDecimal("12.345"),
                    LocalDate.of(2024, 2, 29), u, now, new int[] {1, 2});
            Row r = tx.fetchOne("SELECT * FROM vals2").orElseThrow();
            assertThat((byte[]) r.get("b")).containsExactly(1, 2, 3);
            assertThat(r.getBigDecimal("n")).isEqualByComparingTo("12.345");
            assertThat(r.get("d")).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(r.get("u")).isEqualTo(u);
            assertThat(r.getInstant("ts")).isEqualTo(now);
            assertThat((Object[]) r.get("i")).containsExactly(1, 2);
        });
    }
}
