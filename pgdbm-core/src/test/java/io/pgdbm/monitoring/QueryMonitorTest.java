package io.pgdbm.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import io.pgdbm.TestDatabase;
import io.pgdbm.LogCapture;
import io.pgdbm.QueryException;
import io.pgdbm.SharedPool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueryMonitorTest {
    private static TestDatabase database;
    private static DatabaseManager db;

    @BeforeAll
    static void connect() {
        database = TestDatabase.create("monitor");
        db = new DatabaseManager(database.config().toBuilder().schema("shop").build());
        db.connect();
    }

    @AfterAll
    static void drop() {
        db.close();
        database.close();
    }

    @BeforeEach
    void freshTable() {
        db.execute("DROP TABLE IF EXISTS {{tables.items}}; CREATE TABLE {{tables.items}} (id serial PRIMARY KEY, name text)");
    }

    @Test
    void countsEveryQueryMethodIncludingTransactionsAndFailures() {
        try (QueryMonitor monitor = QueryMonitor.attach(db)) {
            db.execute("INSERT INTO {{tables.items}} (name) VALUES ($1)", "a");
            db.executeMany("INSERT INTO {{tables.items}} (name) VALUES ($1)", List.of(new Object[] {"b"}, new Object[] {"c"}));
            db.executeAndReturnId("INSERT INTO {{tables.items}} (name) VALUES ($1)", "d");
            db.copyRecords("items", List.of("name"), List.of(List.of("e")));
            db.fetchAll("SELECT * FROM {{tables.items}}");
            db.fetchOne("SELECT * FROM {{tables.items}} WHERE id = $1", 1);
            db.fetchValue("SELECT count(*) FROM {{tables.items}}");
            db.useTransaction(tx -> {
                tx.execute("INSERT INTO {{tables.items}} (name) VALUES ('f')");
                tx.fetchAll("SELECT * FROM {{tables.items}}");
            });
            assertThatThrownBy(() -> db.execute("SELECT * FROM {{tables.missing}}")).isInstanceOf(QueryException.class);

            QueryStats stats = monitor.stats();
            assertThat(stats.manager()).isEqualTo("shop");
            assertThat(stats.executed()).isEqualTo(9);
            assertThat(stats.failed()).isEqualTo(1);
            assertThat(monitor.history()).extracting(QueryRecord::operation).containsExactly("execute", "executeMany",
                    "fetchValue", "copyRecords", "fetchAll", "fetchOne", "fetchValue", "execute", "fetchAll", "execute");
            assertThat(monitor.history()).filteredOn(QueryRecord::inTransaction).hasSize(2);
            assertThat(monitor.history(0, false)).hasSize(9);
            assertThat(monitor.history().get(9).sqlState()).isEqualTo("42P01");
            assertThat(monitor.history().get(0).sql()).isEqualTo("INSERT INTO \"shop\".items (name) VALUES ($1)");
        }
    }

    @Test
    void timesQueriesWithAverageMaximumAndPercentiles() {
        try (QueryMonitor monitor = QueryMonitor.attach(db)) {
            for (int i = 0; i < 20; i++) {
                db.fetchValue("SELECT 1");
            }
            db.fetchValue("SELECT pg_sleep(0.2)");

            QueryStats stats = monitor.stats();
            assertThat(stats.max()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(stats.p50()).isLessThan(Duration.ofMillis(200));
            assertThat(stats.p50()).isLessThanOrEqualTo(stats.p95());
            assertThat(stats.p95()).isLessThanOrEqualTo(stats.p99());
            assertThat(stats.p99()).isLessThanOrEqualTo(stats.max());
            assertThat(stats.average()).isGreaterThan(stats.p50()).isLessThan(stats.max());
        }
    }

    @Test
    void logsSlowQueriesTruncatedAndWithoutParametersByDefault() {
        String longComment = "/* " + "x".repeat(300) + " */";
        try (QueryMonitor monitor = QueryMonitor.attach(db, MonitorOptions.defaults().withSlowQueryThreshold(Duration.ofMillis(50)));
                LogCapture logs = LogCapture.start()) {
            db.fetchValue("SELECT pg_sleep(0.1), $1::text " + longComment, "secret-parameter");
            db.fetchValue("SELECT 1");

            assertThat(monitor.slowQueries()).hasSize(1);
            assertThat(monitor.stats().slow()).isEqualTo(1);
            assertThat(logs.text()).contains("WARN io.pgdbm.monitoring.QueryMonitor - [shop] slow query: fetchValue took ")
                    .contains("(threshold 50 ms): SELECT pg_sleep(0.1), $1::text /* xxx")
                    .doesNotContain("x".repeat(200))
                    .doesNotContain("secret-parameter");
            assertThat(monitor.history()).allSatisfy(r -> assertThat(r.maskedArguments()).isEmpty());
        }
    }

    @Test
    void showsMaskedParametersOnlyWhenEnabled() {
        MonitorOptions options = MonitorOptions.defaults().withSlowQueryThreshold(Duration.ZERO).withRecordParameters(true);
        try (QueryMonitor monitor = QueryMonitor.attach(db, options); LogCapture logs = LogCapture.start()) {
            db.fetchValue("SELECT $1::text || $2::text", "short", "a-long-secret-value-of-40-characters-xx");

            assertThat(monitor.history().get(0).maskedArguments()).isEqualTo("('short', <str:39 chars>)");
            assertThat(logs.text()).contains("parameters ('short', <str:39 chars>)")
                    .doesNotContain("a-long-secret-value");
        }
    }

    @Test
    void keepsABoundedHistoryOfTheMostRecentQueries() {
        try (QueryMonitor monitor = QueryMonitor.attach(db, MonitorOptions.defaults().withHistorySize(5))) {
            for (int i = 0; i < 12; i++) {
                db.fetchValue("SELECT " + i);
            }
            assertThat(monitor.history()).extracting(QueryRecord::sql)
                    .containsExactly("SELECT 7", "SELECT 8", "SELECT 9", "SELECT 10", "SELECT 11");
            assertThat(monitor.history(2, true)).extracting(QueryRecord::sql).containsExactly("SELECT 10", "SELECT 11");
            assertThat(monitor.stats().executed()).isEqualTo(12);
        }
    }

    @Test
    void keepsSeparateFiguresPerManagerOnASharedPool() {
        try (SharedPool pool = SharedPool.create(database.config())) {
            DatabaseManager alpha = new DatabaseManager(pool, "alpha");
            DatabaseManager beta = new DatabaseManager(pool, "beta");
            try (QueryMonitor a = QueryMonitor.attach(alpha); QueryMonitor b = QueryMonitor.attach(beta)) {
                for (int i = 0; i < 3; i++) {
                    alpha.fetchValue("SELECT 1");
                }
                for (int i = 0; i < 5; i++) {
                    beta.fetchValue("SELECT 1");
                }
                assertThat(a.stats().manager()).isEqualTo("alpha");
                assertThat(a.stats().executed()).isEqualTo(3);
                assertThat(b.stats().manager()).isEqualTo("beta");
                assertThat(b.stats().executed()).isEqualTo(5);
                assertThat(a.poolStats().poolName()).isEqualTo(b.poolStats().poolName());
            }
        }
    }

    @Test
    void explainsWithAParsedPlanWithoutCountingItsOwnQueries() {
        db.execute("INSERT INTO {{tables.items}} (name) SELECT 'n' || g FROM generate_series(1, 100) g");
        try (QueryMonitor monitor = QueryMonitor.attach(db)) {
            ExplainPlan plan = monitor.explain("SELECT i.name FROM {{tables.items}} i JOIN {{tables.items}} j ON j.id = i.id + 1 WHERE i.name <> $1", "n1");

            assertThat(plan.analyzed()).isFalse();
            assertThat(plan.root().totalCost()).isPositive();
            assertThat(plan.root().actualTotalTimeMs()).isEmpty();
            assertThat(plan.executionTimeMs()).isEmpty();
            assertThat(plan.root().children()).isNotEmpty();
            assertThat(allRelations(plan.root())).contains("items");
            assertThat(plan.json()).contains("\"Node Type\"");
            assertThat(monitor.stats().total()).isZero();
            assertThat(monitor.history()).isEmpty();
        }
    }

    @Test
    void explainAnalyzeMeasuresButRollsBackWrites() {
        db.execute("INSERT INTO {{tables.items}} (name) VALUES ('keep')");
        try (QueryMonitor monitor = QueryMonitor.attach(db)) {
            ExplainPlan plan = monitor.explainAnalyze("DELETE FROM {{tables.items}} WHERE name = ?", "keep");

            assertThat(plan.analyzed()).isTrue();
            assertThat(plan.root().nodeType()).isEqualTo("ModifyTable");
            assertThat(plan.root().actualTotalTimeMs()).isPresent();
            assertThat(plan.root().children().get(0).actualRows()).hasValue(1.0);
            assertThat(plan.executionTimeMs()).isPresent();
            assertThat(plan.planningTimeMs()).isPresent();
            assertThat(monitor.stats().total()).isZero();
        }
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.items}} WHERE name = 'keep'")).isEqualTo(1L);
    }

    @Test
    void explainOfABadStatementRaisesQueryException() {
        try (QueryMonitor monitor = QueryMonitor.attach(db)) {
            assertThatThrownBy(() -> monitor.explain("SELECT * FROM {{tables.nope}}"))
                    .isInstanceOf(QueryException.class)
                    .hasMessageContaining("[shop] explain failed")
                    .hasMessageContaining("42P01");
        }
    }

    @Test
    void stopsCountingWhenClosed() {
        QueryMonitor monitor = QueryMonitor.attach(db);
        db.fetchValue("SELECT 1");
        monitor.close();
        db.fetchValue("SELECT 1");
        assertThat(monitor.stats().executed()).isEqualTo(1);
        monitor.reset();
        assertThat(monitor.stats().executed()).isZero();
        assertThat(monitor.history()).isEmpty();
    }

    private static List<String> allRelations(PlanNode node) {
        List<String> out = new java.util.ArrayList<>();
        node.relation().ifPresent(out::add);
        node.children().forEach(c -> out.addAll(allRelations(c)));
        return out;
    }
}
