package io.pgdbm.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdbm.DatabaseManager;
import io.pgdbm.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatabaseDebuggerTest {
    private static TestDatabase database;
    private static DatabaseManager db;
    private static DatabaseDebugger debugger;

    @BeforeAll
    static void connect() {
        database = TestDatabase.create("debugger");
        db = new DatabaseManager(database.config().toBuilder().schema("shop").build());
        db.connect();
        debugger = new DatabaseDebugger(db, Duration.ofSeconds(60), Duration.ofSeconds(1));
    }

    @AfterAll
    static void drop() {
        db.close();
        database.close();
    }

    @Test
    void reportsHealthyWithVersionLatencyAndPool() {
        HealthReport report = debugger.health();

        assertThat(report.verdict()).isEqualTo(HealthVerdict.HEALTHY);
        assertThat(report.problems()).isEmpty();
        assertThat(report.serverVersion()).hasValueSatisfying(v -> assertThat(v).matches("\\d+.*"));
        assertThat(report.latency()).isPositive();
        assertThat(report.pool()).hasValueSatisfying(p -> assertThat(p.max()).isEqualTo(5));
    }

    @Test
    void reportsBlockedSessionsAndADegradedVerdict() throws Exception {
        db.execute("CREATE TABLE IF NOT EXISTS {{tables.accounts}} (id int PRIMARY KEY, balance int); "
                + "INSERT INTO {{tables.accounts}} VALUES (1, 0) ON CONFLICT DO NOTHING");
        try (Connection holder = database.rawConnection(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("UPDATE shop.accounts SET balance = balance + 1 WHERE id = 1");
            int holderPid = pid(st);
            CompletableFuture<Long> blocked = CompletableFuture.supplyAsync(
                    () -> db.execute("UPDATE {{tables.accounts}} SET balance = balance + 10 WHERE id = 1"));

            await().atMost(Duration.ofSeconds(10)).until(() -> !debugger.blockingQueries().isEmpty());
            List<BlockingQuery> blocking = debugger.blockingQueries();
            assertThat(blocking).singleElement().satisfies(b -> {
                assertThat(b.blockingPid()).isEqualTo(holderPid);
                assertThat(b.blockingState()).isEqualTo("idle in transaction");
                assertThat(b.blockedQuery()).contains("balance + 10");
            });
            HealthReport report = debugger.health();
            assertThat(report.verdict()).isEqualTo(HealthVerdict.DEGRADED);
            assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("1 session(s) wait for a lock"));

            holder.commit();
            assertThat(blocked.get()).isEqualTo(1L);
        }
        assertThat(debugger.health().verdict()).isEqualTo(HealthVerdict.HEALTHY);
    }

    @Test
    void listsLongRunningQueriesOfTheCurrentDatabaseOnly() throws Exception {
        try (TestDatabase other = TestDatabase.create("debugger_other");
                Connection here = database.rawConnection(); Statement hereSt = here.createStatement();
                Connection there = other.rawConnection(); Statement thereSt = there.createStatement()) {
            int herePid = pid(hereSt);
            CompletableFuture<Boolean> sleepHere = CompletableFuture.supplyAsync(() -> run(hereSt, "SELECT pg_sleep(2) /* here */"));
            CompletableFuture<Boolean> sleepThere = CompletableFuture.supplyAsync(() -> run(thereSt, "SELECT pg_sleep(2) /* there */"));

            await().atMost(Duration.ofSeconds(5)).until(() -> !debugger.longRunningQueries(Duration.ofMillis(300)).isEmpty());
            assertThat(debugger.longRunningQueries(Duration.ofMillis(300))).singleElement().satisfies(q -> {
                assertThat(q.pid()).isEqualTo(herePid);
                assertThat(q.query()).contains("/* here */");
                assertThat(q.state()).isEqualTo("active");
                assertThat(q.runningFor()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            });
            assertThat(new DatabaseDebugger(db, Duration.ofMillis(300), Duration.ofSeconds(1)).health().verdict())
                    .isEqualTo(HealthVerdict.DEGRADED);
            assertThat(sleepHere.get()).isTrue();
            assertThat(sleepThere.get()).isTrue();
        }
    }

    @Test
    void listsTableSizesOfTheManagersSchemaOnly() {
        db.execute("CREATE TABLE {{tables.big}} (id int, payload text); CREATE TABLE {{tables.small}} (id int); "
                + "CREATE TABLE public.elsewhere (id int); "
                + "INSERT INTO {{tables.big}} SELECT g, repeat('x', 200) FROM generate_series(1, 2000) g; ANALYZE {{tables.big}}; SELECT pg_stat_force_next_flush()");
        try {
            // the statistics the row counts come from are flushed by the server up to a second later
            await().atMost(Duration.ofSeconds(10)).until(() -> debugger.tableSizes().get(0).liveRows() == 2000);
            List<TableSize> sizes = debugger.tableSizes();

            assertThat(sizes).extracting(TableSize::schema).containsOnly("shop");
            assertThat(sizes).extracting(TableSize::table).contains("big", "small").doesNotContain("elsewhere");
            assertThat(sizes.get(0).table()).isEqualTo("big");
            assertThat(sizes.get(0).sizeBytes()).isGreaterThan(400_000);
            assertThat(sizes.get(0).lastAnalyze()).isNotNull();
        } finally {
            db.execute("DROP TABLE {{tables.big}}, {{tables.small}}, public.elsewhere");
        }
    }

    @Test
    void showsWhoHoldsAndWaitsForMigrationLocks() throws Exception {
        List<String> modules = List.of("orders", "billing", "users", "audit", "shop");
        try (Connection runner = database.rawConnection(); Statement st = runner.createStatement();
                Connection waiter = database.rawConnection(); Statement waitSt = waiter.createStatement()) {
            int runnerPid = pid(st);
            int waiterPid = pid(waitSt);
            for (String module : modules) {
                st.execute("SELECT pg_advisory_lock(hashtext('pgdbm_migration_" + module + "'))");
            }
            st.execute("SET application_name = 'migrator'");
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(
                    () -> run(waitSt, "SELECT pg_advisory_lock(hashtext('pgdbm_migration_orders'))"));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> debugger.migrationActivity(modules).stream().anyMatch(l -> !l.granted()));

            List<MigrationLock> locks = debugger.migrationActivity(modules);
            assertThat(locks).filteredOn(MigrationLock::granted).extracting(MigrationLock::module)
                    .containsExactlyInAnyOrder(modules.toArray(String[]::new));
            assertThat(locks).filteredOn(MigrationLock::granted).allSatisfy(l -> {
                assertThat(l.pid()).isEqualTo(runnerPid);
                assertThat(l.applicationName()).isEqualTo("migrator");
            });
            assertThat(locks).filteredOn(l -> !l.granted()).singleElement()
                    .satisfies(l -> assertThat(l.pid()).isEqualTo(waiterPid))
                    .satisfies(l -> assertThat(l.module()).isEqualTo("orders"));
            assertThat(debugger.migrationActivity()).extracting(MigrationLock::module).containsOnly("shop");
            assertThat(debugger.migrationActivity(List.of("not_running"))).isEmpty();

            st.execute("SELECT pg_advisory_unlock_all()");
            assertThat(waiting.get()).isTrue();
        }
    }

    @Test
    void reportsUnhealthyWhenTheManagerCannotReachTheServer() {
        DatabaseManager closed = new DatabaseManager(database.config());
        HealthReport report = new DatabaseDebugger(closed).health();

        assertThat(report.verdict()).isEqualTo(HealthVerdict.UNHEALTHY);
        assertThat(report.pool()).isEmpty();
        assertThat(report.problems()).singleElement().asString().contains("the server did not answer")
                .contains("not connected");
    }

    private static int pid(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean run(Statement st, String sql) {
        try {
            return st.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
