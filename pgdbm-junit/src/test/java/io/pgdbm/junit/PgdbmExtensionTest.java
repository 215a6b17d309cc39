package io.pgdbm.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.TestQueries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class PgdbmExtensionTest {

    static final Queue<String> SEEN = new ConcurrentLinkedQueue<>();

    // ---------------------------------------------------------------- injection

    @PgdbmTest(migrations = "classpath:db/notes", module = "notes")
    static class InjectionCase {
        private final DatabaseManager fromConstructor;
        private DatabaseManager fromBeforeEach;

        InjectionCase(DatabaseManager db) {
            this.fromConstructor = db;
        }

        @BeforeEach
        void setUp(DatabaseManager db) {
            fromBeforeEach = db;
        }

        @Test
        void everyType(DatabaseManager db, DatabaseConfig config, DataSource dataSource, SharedPool pool,
                TestDatabase database, TestDatabaseFactory factory) throws Exception {
            assertThat(fromConstructor).isSameAs(db);
            assertThat(fromBeforeEach).isSameAs(db);
            assertThat(config.database()).isEqualTo(database.name()).startsWith("pgdbm_");
            assertThat(pool).isSameAs(database.pool());
            assertThat(db.tableExists("notes")).isTrue();
            try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(database.name());
            }
            DatabaseManager other = factory.createDatabase("extra");
            assertThat(other.config().database()).isNotEqualTo(database.name()).endsWith("_extra");
            assertThat(other.tableExists("notes")).isTrue();
            DatabaseManager lib = factory.createSchema("library");
            lib.execute("INSERT INTO {{tables.notes}} (body) VALUES ('in library schema')");
            assertThat(lib.fetchValue(Long.class, "SELECT count(*) FROM library.notes")).isEqualTo(1L);
            SEEN.add(database.name());
            SEEN.add(other.config().database());
        }
    }

    @Test
    void injectsEveryTypeIntoConstructorsLifecycleMethodsAndTests() throws Exception {
        SEEN.clear();
        EngineExecutionResults results = Engine.run(InjectionCase.class);
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(SEEN).hasSize(2);
        for (String db : SEEN) {
            assertThat(Engine.databases(db)).as("dropped after the test").isEmpty();
        }
    }

    @PgdbmTest
    static class RefusalCase {
        @Test
        void wrongType(@PgdbmSchema("orders") String orders) {
        }
    }

    @Test
    void refusesAnAnnotatedParameterOfATypeItDoesNotOwn() {
        EngineExecutionResults results = Engine.run(RefusalCase.class);
        results.testEvents().assertStatistics(s -> s.failed(1));
        Throwable t = results.testEvents().failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(t).hasMessageContaining("@PgdbmSchema(\"orders\")").hasMessageContaining("parameter 'orders'")
                .hasMessageContaining("java.lang.String").hasMessageContaining("RefusalCase.wrongType(String)")
                .hasMessageContaining("DatabaseManager or DatabaseConfig");
    }

    // ---------------------------------------------------------------- isolation

    /** Each test writes a row and must see only its own: in every mode, the other test's row is invisible. */
    abstract static class IsolationChecks {
        @Test
        void first(DatabaseManager db, TestDatabase database) {
            check(db, database);
        }

        @Test
        void second(DatabaseManager db, TestDatabase database) {
            check(db, database);
        }

        private static void check(DatabaseManager db, TestDatabase database) {
            db.execute("INSERT INTO {{tables.notes}} (body) VALUES ('mine')");
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.notes}}")).isEqualTo(1L);
            SEEN.add(database.name() + "/" + database.config().schema().orElse("-"));
        }
    }

    @PgdbmTest(migrations = "classpath:db/notes", isolation = Isolation.DATABASE)
    static class DatabaseIsolationCase extends IsolationChecks {
    }

    @PgdbmTest(migrations = "classpath:db/notes", isolation = Isolation.SCHEMA)
    static class SchemaIsolationCase extends IsolationChecks {
    }

    @PgdbmTest(migrations = "classpath:db/notes", isolation = Isolation.TRANSACTION)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class TransactionIsolationCase extends IsolationChecks {
        @Test
        void committedTransactionsInsideTheTestAreRolledBackToo(DatabaseManager db) {
            db.useTransaction(tx -> tx.execute("INSERT INTO {{tables.notes}} (body) VALUES ('committed?')"));
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.notes}}")).isEqualTo(1L);
        }

        @Test
        void migrationsAppliedInsideTheTestAreRolledBackToo(DatabaseManager db) throws IOException {
            Path dir = Files.createTempDirectory("pgdbm-tx-migrations");
            Files.writeString(dir.resolve("001_extra.sql"), "CREATE TABLE {{tables.extra}} (id int);");
            Files.writeString(dir.resolve("002_more.sql"), "INSERT INTO {{tables.extra}} VALUES (1);");
            new MigrationManager(db, dir.toString(), "extra").applyPending();
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.extra}}")).isEqualTo(1L);
        }

        @Test
        void zz_noTableOfAnEarlierTestsMigrationsIsLeft(DatabaseManager db) {
            assertThat(db.tableExists("extra")).isFalse();
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.schema_migrations}}"
                    + " WHERE module_name = 'extra'")).isZero();
        }
    }

    @Test
    void databaseIsolationGivesEachTestItsOwnDatabase() throws Exception {
        SEEN.clear();
        Engine.run(DatabaseIsolationCase.class).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(SEEN).hasSize(2).doesNotHaveDuplicates();
        assertThat(Engine.databases(Engine.runPrefix(SEEN.peek()))).isEmpty();
    }

    @Test
    void schemaIsolationGivesEachTestItsOwnSchemaInOneDatabase() throws Exception {
        SEEN.clear();
        Engine.run(SchemaIsolationCase.class).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(SEEN).hasSize(2).doesNotHaveDuplicates();
        assertThat(SEEN.stream().map(s -> s.substring(0, s.indexOf('/'))).distinct()).hasSize(1);
        assertThat(Engine.databases(Engine.runPrefix(SEEN.peek()))).isEmpty();
    }

    @Test
    void transactionIsolationRollsBackEachTestInOneDatabasePerClass() throws Exception {
        SEEN.clear();
        Engine.run(TransactionIsolationCase.class).testEvents().assertStatistics(s -> s.succeeded(5).failed(0));
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.stream().distinct()).hasSize(1);
        assertThat(Engine.databases(Engine.runPrefix(SEEN.peek()))).isEmpty();
    }

    // ---------------------------------------------------------------- cleanup

    @PgdbmTest(migrations = "classpath:db/notes", cleanup = Cleanup.ON_SUCCESS)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class OnSuccessCase {
        @Test
        void a_passes(TestDatabase db) {
            SEEN.add("pass:" + db.name());
        }

        @Test
        void b_fails(TestDatabase db) {
            SEEN.add("fail:" + db.name());
            throw new AssertionError("deliberately failing");
        }
    }

    @PgdbmTest(migrations = "classpath:db/notes")
    static class FailingCase {
        @Test
        void fails(TestDatabase db) {
            SEEN.add(db.name());
            throw new AssertionError("deliberately failing");
        }
    }

    @PgdbmTest(migrations = "classpath:db/notes")
    static class FailingSetUpCase {
        @BeforeEach
        void setUp(TestDatabase db) {
            SEEN.add(db.name());
            throw new IllegalStateException("set-up fails");
        }

        @Test
        void neverRuns() {
        }
    }

    @PgdbmTest(migrations = "classpath:db/broken")
    static class BrokenMigrationCase {
        @Test
        void neverGetsADatabase(DatabaseManager db) {
        }
    }

    @Test
    void alwaysDropsTheDatabaseOfAFailingTest() throws Exception {
        SEEN.clear();
        Engine.run(FailingCase.class).testEvents().assertStatistics(s -> s.failed(1));
        assertThat(Engine.databases(SEEN.peek())).isEmpty();
    }

    @Test
    void dropsTheDatabaseWhenSetUpFails() throws Exception {
        SEEN.clear();
        Engine.run(FailingSetUpCase.class).testEvents().assertStatistics(s -> s.failed(1));
        assertThat(SEEN).hasSize(1);
        assertThat(Engine.databases(SEEN.peek())).isEmpty();
    }

    @Test
    void aFailingMigrationFailsTheTestNamingTheFileAndLeavesNoTestDatabase() throws Exception {
        EngineExecutionResults results = Engine.run(BrokenMigrationCase.class);
        results.testEvents().assertStatistics(s -> s.failed(1));
        Throwable t = results.testEvents().failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(t).hasStackTraceContaining("002_fails.sql");
        assertThat(Engine.databases("pgdbm_tpl_").stream().filter(n -> {
            try {
                return TestQueries.queryOne(Engine.server(), "SELECT NOT datistemplate FROM pg_database WHERE datname = '" + n + "'")
                        .equals("t");
            } catch (Exception e) {
                return false;
            }
        })).as("no unfinished template stays behind while its lock is free").isEmpty();
    }

    @Test
    void onSuccessKeepsOnlyTheFailedTestsDatabase() throws Exception {
        SEEN.clear();
        EngineExecutionResults results = Engine.run(OnSuccessCase.class);
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        String passed = SEEN.stream().filter(s -> s.startsWith("pass:")).findFirst().orElseThrow().substring(5);
        String failed = SEEN.stream().filter(s -> s.startsWith("fail:")).findFirst().orElseThrow().substring(5);
        assertThat(Engine.databases(passed)).isEmpty();
        assertThat(Engine.databases(failed)).containsExactly(failed);
        assertThat(results.allEvents().reportingEntryPublished().stream()
                .flatMap(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).stream())
                .map(r -> r.getKeyValuePairs().get("pgdbm.kept"))).anySatisfy(url -> assertThat(url).endsWith("/" + failed));
        TestQueries.execute(Engine.server(), "DROP DATABASE \"" + failed + "\" WITH (FORCE)");
    }

    @Test
    void theCleanupParameterOverridesTheAnnotation() throws Exception {
        SEEN.clear();
        Engine.run(FailingCase.class, Map.of("pgdbm.test.cleanup", "NEVER")).testEvents().assertStatistics(s -> s.failed(1));
        assertThat(Engine.databases(SEEN.peek())).containsExactly(SEEN.peek());
        TestQueries.execute(Engine.server(), "DROP DATABASE \"" + SEEN.peek() + "\" WITH (FORCE)");
    }

    // ---------------------------------------------------------------- modules

    static class ModulesCase {
        @RegisterExtension
        static PgdbmExtension pgdbm = PgdbmExtension.builder()
                .module("orders", "classpath:db/orders", "orders", "users")
                .module("users", "classpath:db/users", "users")
                .build();

        @Test
        void modulesAreMigratedInDependencyOrderIntoTheirSchemas(@PgdbmSchema("users") DatabaseManager users,
                @PgdbmSchema("orders") DatabaseManager orders, @PgdbmSchema("orders") DatabaseConfig ordersConfig) {
            Object id = users.executeAndReturnId("INSERT INTO {{tables.users}} (email) VALUES ('a@example.com')");
            orders.execute("INSERT INTO {{tables.orders}} (user_id, total) VALUES ($1, 9.90)", id);
            assertThat(orders.fetchValue(Long.class, "SELECT count(*) FROM orders.orders")).isEqualTo(1L);
            assertThat(ordersConfig.schema()).contains("orders");
        }

        @Test
        void aStaticExtensionSharesOneDatabaseAcrossTheClass(TestDatabase db) {
            SEEN.add(db.name());
        }

        @Test
        void anUnannotatedManagerIsAmbiguous(DatabaseManager db) {
        }
    }

    @Test
    void appliesModulesInDependencyOrder() {
        SEEN.clear();
        EngineExecutionResults results = Engine.run(ModulesCase.class);
        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(1));
        Throwable t = results.testEvents().failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(t).hasMessageContaining("several modules").hasMessageContaining("@PgdbmSchema(");
    }

    @Test
    void aDependencyCycleIsAnErrorNamingIt() {
        assertThatThrownBy(() -> PgdbmExtension.builder()
                .module("a", null, "a", "b")
                .module("b", null, "b", "a")
                .build())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("a -> b -> a");
    }

    // ---------------------------------------------------------------- parallel (R9)

    @PgdbmTest(migrations = "classpath:db/notes")
    static class ParallelCase {
        @RepeatedTest(200)
        void ownsItsData(DatabaseManager db, TestDatabase database) {
            String mine = database.name();
            db.execute("INSERT INTO {{tables.notes}} (body) VALUES ($1)", mine);
            List<String> bodies = db.fetchAll(String.class, "SELECT body FROM {{tables.notes}}");
            assertThat(bodies).containsExactly(mine);
            SEEN.add(mine);
        }
    }

    @Test
    void hundredsOfParallelTestsNeverSeeEachOthersDataAndLeaveNothing() throws Exception {
        SEEN.clear();
        long start = System.nanoTime();
        EngineExecutionResults results = Engine.run(ParallelCase.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        results.testEvents().assertStatistics(s -> s.succeeded(200).failed(0));
        assertThat(SEEN).hasSize(200).doesNotHaveDuplicates();
        assertThat(Engine.databases(Engine.runPrefix(SEEN.peek()))).isEmpty();
        System.out.printf("pgdbm: 200 tests, 4 threads, each with its own migrated database: %d ms (%.1f ms per test)%n",
                ms, ms / 200.0);
    }

    @Nested
    class OutsideJUnit {
        @Test
        void factoryWorksWithTryWithResources() throws Exception {
            String name;
            try (TestDatabaseFactory factory = TestDatabaseFactory.create(PostgresServers.shared(), "classpath:db/notes")) {
                DatabaseManager db = factory.createDatabase("plain");
                db.execute("INSERT INTO {{tables.notes}} (body) VALUES ('x')");
                name = db.config().database();
                assertThat(Engine.databases(name)).containsExactly(name);
            }
            assertThat(Engine.databases(name)).isEmpty();
        }
    }
}
