package io.pgdbm.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * {@code @ExtendWith(PgdbmExtension.class)} on its own, the suite's defaults as configuration parameters, global
 * registration, and the precedence builder > {@code @PgdbmTest} > configuration parameters > defaults.
 */
class ExtensionRegistrationTest {

    static final Queue<String> SEEN = new ConcurrentLinkedQueue<>();

    private static final Map<String, String> NOTES = Map.of("pgdbm.test.migrations", "classpath:db/notes",
            "pgdbm.test.module", "notes");

    /** What a test saw: label, database, the manager's schema, its tables and the modules in its history. */
    static void record(String label, DatabaseManager db, TestDatabase database) {
        String schema = db.schema().orElse("public");
        String tables = db.fetchValue(String.class, "SELECT coalesce(string_agg(tablename, ',' ORDER BY tablename), '')"
                + " FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'", schema);
        String modules = db.tableExists("schema_migrations") ? db.fetchValue(String.class,
                "SELECT string_agg(DISTINCT module_name, ',') FROM {{tables.schema_migrations}}") : "";
        SEEN.add(label + "|" + database.name() + "|" + schema + "|" + tables + "|" + modules);
    }

    static List<String[]> seen(String label) {
        return SEEN.stream().map(s -> s.split("\\|", -1)).filter(s -> s[0].equals(label)).toList();
    }

    static Throwable firstFailure(EngineExecutionResults results) {
        Event failed = results.allEvents().failed().stream().findFirst().orElseThrow();
        return failed.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    // ---------------------------------------------------------------- plain

    @ExtendWith(PgdbmExtension.class)
    static class PlainCase {
        private final DatabaseManager fromConstructor;

        PlainCase(DatabaseManager db) {
            this.fromConstructor = db;
        }

        @Test
        void everyType(DatabaseManager db, DatabaseConfig config, DataSource dataSource, SharedPool pool,
                TestDatabase database, TestDatabaseFactory factory) throws Exception {
            assertThat(fromConstructor).isSameAs(db);
            assertThat(config.database()).isEqualTo(database.name()).startsWith("pgdbm_");
            assertThat(pool).isSameAs(database.pool());
            try (Connection c = dataSource.getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(database.name());
            }
            DatabaseManager extra = factory.createDatabase("extra");
            assertThat(extra.config().database()).isNotEqualTo(database.name());
            db.execute("CREATE TABLE mine (id int)"); // fails if another test had this database
            SEEN.add("factory|" + extra.config().database());
            record("plain", db, database);
        }

        @Test
        void anotherTest(DatabaseManager db, TestDatabase database) {
            db.execute("CREATE TABLE mine (id int)");
            record("plain", db, database);
        }

        @DualModeTest(schema = "plain")
        void dualMode(DualModeDatabase db) {
            DatabaseManager module = db.create(config -> {
                DatabaseManager own = new DatabaseManager(config);
                own.connect();
                return own;
            }, (manager, schema) -> manager);
            module.execute("CREATE TABLE {{tables.items}} (id int)");
            assertThat(db.database().manager().tableExists("items")).isFalse();
            SEEN.add("dual|" + db.mode() + "|" + db.database().name());
        }
    }

    @Test
    void extendWithAloneGivesEachTestAFreshEmptyDatabaseAndInjectsEveryType() throws Exception {
        SEEN.clear();
        EngineExecutionResults results = Engine.run(PlainCase.class);
        results.testEvents().assertStatistics(s -> s.succeeded(4).failed(0));
        List<String[]> plain = seen("plain");
        assertThat(plain).hasSize(2);
        assertThat(plain).extracting(s -> s[1]).doesNotHaveDuplicates();
        assertThat(plain).extracting(s -> s[3]).containsOnly("mine"); // nothing migrated: no suite defaults
        assertThat(plain).extracting(s -> s[4]).containsOnly("");
        assertThat(results.testEvents().succeeded().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .contains("[STANDALONE]", "[LIBRARY]");
        assertThat(seen("dual")).extracting(s -> s[1]).containsExactlyInAnyOrder("STANDALONE", "LIBRARY");
        for (String s : SEEN) {
            String database = s.startsWith("factory|") ? s.split("\\|")[1] : s.startsWith("dual|") ? s.split("\\|")[2]
                    : s.split("\\|")[1];
            assertThat(Engine.databases(database)).as("dropped after the test").isEmpty();
        }
    }

    // ---------------------------------------------------------------- configured by parameters

    @ExtendWith(PgdbmExtension.class)
    static class ConfiguredCase {
        @Test
        void first(DatabaseManager db, TestDatabase database) {
            record("configured", db, database);
        }

        @Test
        void second(DatabaseManager db, TestDatabase database) {
            record("configured", db, database);
        }
    }

    @Test
    void configurationParametersMigrateEveryDatabase() {
        SEEN.clear();
        Engine.run(ConfiguredCase.class, NOTES).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        List<String[]> seen = seen("configured");
        assertThat(seen).extracting(s -> s[1]).doesNotHaveDuplicates();
        assertThat(seen).extracting(s -> s[2] + "|" + s[3] + "|" + s[4]).containsOnly("public|notes,tags|notes");
    }

    @Test
    void configurationParametersSetTheSchemaAndTheIsolation() {
        SEEN.clear();
        Map<String, String> parameters = new HashMap<>(NOTES);
        parameters.put("pgdbm.test.schema", "ledger");
        Engine.run(ConfiguredCase.class, parameters).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(seen("configured")).extracting(s -> s[2] + "|" + s[3] + "|" + s[4])
                .containsOnly("ledger|notes,tags|notes");

        SEEN.clear();
        parameters.put("pgdbm.test.isolation", "schema");
        Engine.run(ConfiguredCase.class, parameters).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        List<String[]> seen = seen("configured");
        assertThat(seen).extracting(s -> s[1]).as("SCHEMA isolation: one database").containsOnly(seen.get(0)[1]);
        assertThat(seen).extracting(s -> s[2]).as("a schema per test").doesNotHaveDuplicates();
        assertThat(seen).extracting(s -> s[3]).containsOnly("notes,tags");
    }

    @Test
    void anInvalidIsolationParameterFailsNamingTheKeyAndTheValues() {
        Map<String, String> parameters = Map.of("pgdbm.test.isolation", "per-test");
        Throwable t = firstFailure(Engine.run(ConfiguredCase.class, parameters));
        assertThat(t).hasMessageContaining("pgdbm.test.isolation must be DATABASE, SCHEMA or TRANSACTION, was 'per-test'");
    }

    // ---------------------------------------------------------------- overridden per class

    @PgdbmTest(migrations = "classpath:db/users", module = "users")
    static class AnnotationOverridesCase {
        @Test
        void first(DatabaseManager db, TestDatabase database) {
            record("annotated", db, database);
        }

        @Test
        void second(DatabaseManager db, TestDatabase database) {
            record("annotated", db, database);
        }
    }

    @Test
    void anAnnotationAttributeOverridesItsParameterAndLeavesTheOthers() {
        SEEN.clear();
        Map<String, String> parameters = new HashMap<>(NOTES);
        parameters.put("pgdbm.test.isolation", "SCHEMA");
        Engine.run(AnnotationOverridesCase.class, parameters).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        List<String[]> seen = seen("annotated");
        assertThat(seen).extracting(s -> s[3] + "|" + s[4]).containsOnly("users|users"); // the annotation's module
        assertThat(seen).extracting(s -> s[1]).containsOnly(seen.get(0)[1]); // the suite's SCHEMA isolation
    }

    @PgdbmTest(migrations = "classpath:db/notes", module = "notes", isolation = Isolation.SCHEMA)
    static class BuilderOverridesCase {
        @RegisterExtension
        PgdbmExtension pgdbm = PgdbmExtension.builder().module("users", "classpath:db/users", "users")
                .isolation(Isolation.DATABASE).build();

        @Test
        void first(DatabaseManager db, TestDatabase database) {
            record("builder", db, database);
        }

        @Test
        void second(DatabaseManager db, TestDatabase database) {
            record("builder", db, database);
        }
    }

    @Test
    void aBuilderOverridesTheAnnotationAndTheParameters() {
        SEEN.clear();
        Map<String, String> parameters = Map.of("pgdbm.test.migrations", "classpath:db/orders",
                "pgdbm.test.isolation", "TRANSACTION");
        Engine.run(BuilderOverridesCase.class, parameters).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        List<String[]> seen = seen("builder");
        assertThat(seen).extracting(s -> s[2] + "|" + s[3] + "|" + s[4]).containsOnly("users|users|users");
        assertThat(seen).extracting(s -> s[1]).doesNotHaveDuplicates(); // the builder's DATABASE isolation
    }

    @PgdbmTest(isolation = {Isolation.SCHEMA, Isolation.DATABASE})
    static class TwoIsolationsCase {
        @Test
        void test(DatabaseManager db) {
        }
    }

    @Test
    void anAnnotationWithTwoIsolationsIsRefused() {
        assertThat(firstFailure(Engine.run(TwoIsolationsCase.class))).hasMessageContaining("TwoIsolationsCase")
                .hasMessageContaining("names 2 isolations; give one");
    }

    // ---------------------------------------------------------------- nested

    @ExtendWith(PgdbmExtension.class)
    static class NestedCase {
        @Test
        void outer(DatabaseManager db, TestDatabase database) {
            record("outer", db, database);
        }

        @Nested
        class Inherits {
            @Test
            void inner(DatabaseManager db, TestDatabase database) {
                record("inherits", db, database);
            }
        }

        @Nested
        @PgdbmTest(migrations = "classpath:db/users", module = "users", isolation = Isolation.SCHEMA)
        class Overrides {
            @Test
            void first(DatabaseManager db, TestDatabase database) {
                record("overrides", db, database);
            }

            @Test
            void second(DatabaseManager db, TestDatabase database) {
                record("overrides", db, database);
            }

            @Nested
            @PgdbmTest(module = "people")
            class Deeper {
                @Test
                void deepest(DatabaseManager db, TestDatabase database) {
                    record("deeper", db, database);
                }
            }
        }
    }

    @Test
    void nestedClassesInheritTheEnclosingSetupAndMayOverrideParts() {
        SEEN.clear();
        Engine.run(NestedCase.class, NOTES).testEvents().assertStatistics(s -> s.succeeded(5).failed(0));
        assertThat(seen("outer")).extracting(s -> s[3] + "|" + s[4]).containsExactly("notes,tags|notes");
        assertThat(seen("inherits")).extracting(s -> s[3] + "|" + s[4]).containsExactly("notes,tags|notes");
        List<String[]> overrides = seen("overrides");
        assertThat(overrides).extracting(s -> s[3] + "|" + s[4]).containsOnly("users|users");
        assertThat(overrides).extracting(s -> s[1]).containsOnly(overrides.get(0)[1]);
        assertThat(seen("deeper")).extracting(s -> s[3] + "|" + s[4]).containsExactly("users|people");
    }

    // ---------------------------------------------------------------- global registration

    /** No pgdbm annotation: the extension comes from the service file under autodetection. */
    static class GloballyRegisteredCase {
        @Test
        void migratedBySuiteDefaults(DatabaseManager db, TestDatabase database) {
            record("global", db, database);
        }

        @Test
        void aTestWithoutDatabaseParameters() {
        }
    }

    static class GloballyRegisteredWithBuilderCase {
        @RegisterExtension
        static PgdbmExtension pgdbm = PgdbmExtension.builder().module("users", "classpath:db/users", "users").build();

        @Test
        void theBuilderServesTheClass(DatabaseManager db, TestDatabase database) {
            record("global-builder", db, database);
        }
    }

    static class NoDatabaseCase {
        @Test
        void plainUnitTest() {
            assertThat(1 + 1).isEqualTo(2);
        }
    }

    @Test
    void autodetectionRegistersTheExtensionForEveryClassAndABuilderStillTakesOver(@TempDir Path dir) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve("org.junit.jupiter.api.extension.Extension"), PgdbmExtension.class.getName());
        Map<String, String> parameters = new HashMap<>(NOTES);
        parameters.put("junit.jupiter.extensions.autodetection.enabled", "true");
        SEEN.clear();
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader withServiceFile = new URLClassLoader(new URL[] {dir.toUri().toURL()}, original)) {
            thread.setContextClassLoader(withServiceFile);
            Engine.run(GloballyRegisteredCase.class, parameters).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
            Engine.run(GloballyRegisteredWithBuilderCase.class, parameters).testEvents()
                    .assertStatistics(s -> s.succeeded(1).failed(0));
            Engine.run(NoDatabaseCase.class, parameters).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        } finally {
            thread.setContextClassLoader(original);
        }
        assertThat(seen("global")).extracting(s -> s[3] + "|" + s[4]).containsExactly("notes,tags|notes");
        assertThat(seen("global-builder")).extracting(s -> s[2] + "|" + s[3] + "|" + s[4])
                .containsExactly("users|users|users");
    }

    @Test
    void withoutAutodetectionAClassWithoutTheExtensionGetsNoDatabase() {
        EngineExecutionResults results = Engine.run(GloballyRegisteredCase.class, NOTES);
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        assertThat(firstFailure(results)).hasMessageContaining("No ParameterResolver registered");
    }

    /** The other way to register it once: a base class. */
    @ExtendWith(PgdbmExtension.class)
    abstract static class DatabaseTestBase {
    }

    static class SubclassCase extends DatabaseTestBase {
        @Test
        void inheritsTheRegistration(DatabaseManager db, TestDatabase database) {
            record("subclass", db, database);
        }
    }

    @Test
    void aBaseClassRegistersTheExtensionForItsSubclasses() {
        SEEN.clear();
        Engine.run(SubclassCase.class, NOTES).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(seen("subclass")).extracting(s -> s[3] + "|" + s[4]).containsExactly("notes,tags|notes");
    }
}
