package io.pgdbm.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import io.pgdbm.PgdbmException;
import io.pgdbm.junit.internal.FingerprintDigest;
import io.pgdbm.junit.internal.RunContext;
import io.pgdbm.junit.internal.TemplateSpec;
import io.pgdbm.junit.internal.TestSettings;
import io.pgdbm.migration.Module;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;

/** What builds a template: callbacks, preparer classes, preparers with modules on top; fingerprints; the factory. */
class TemplatePreparerTest {

    /** A preparer class named by {@code @PgdbmTest(preparer = ...)}. */
    static final class Colours implements TemplatePreparer {
        @Override
        public String identity() {
            return "colours";
        }

        @Override
        public void fingerprint(Fingerprint fingerprint) {
            fingerprint.add("colours", "v1");
        }

        @Override
        public void prepare(DataSource dataSource) throws Exception {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE colours (name text PRIMARY KEY)");
                st.execute("INSERT INTO colours VALUES ('red'), ('green')");
            }
        }
    }

    @PgdbmTest(preparer = Colours.class, migrations = "classpath:db/notes", schema = "shop")
    static class PreparerThenModuleFixture {
        @Test
        void seesBoth(DatabaseManager db) {
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM public.colours")).isEqualTo(2);
            db.execute("INSERT INTO {{tables.notes}} (body) VALUES ('hi')");
        }
    }

    @Test
    void aPreparerClassBuildsTheTemplateAndTheModuleIsMigratedOnTop() {
        var events = Engine.run(PreparerThenModuleFixture.class).testEvents();
        assertThat(events.failed().stream().map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::toString).orElse("")))
                .isEmpty();
        events.assertStatistics(s -> s.succeeded(1).failed(0));
    }

    @PgdbmTest(preparer = Colours.class, isolation = Isolation.SCHEMA)
    static class SchemaIsolationFixture {
        @Test
        void neverRuns(DatabaseManager db) {
        }
    }

    @Test
    void schemaIsolationIsRefusedWithAPreparer() {
        Engine.run(SchemaIsolationFixture.class).allEvents().assertThatEvents().haveExactly(1,
                EventConditions.finishedWithFailure(TestExecutionResultConditions.message(m ->
                        m.contains("SCHEMA isolation") && m.contains("colours") && m.contains("Isolation.DATABASE"))));
    }

    @Test
    void suiteParameterNamesAPreparerClass() {
        Engine.run(SuiteFixture.class, Map.of("pgdbm.test.preparer", Colours.class.getName()))
                .testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        Engine.run(SuiteFixture.class, Map.of("pgdbm.test.preparer", "com.example.Missing")).allEvents()
                .assertThatEvents().haveAtLeast(1, EventConditions.finishedWithFailure(TestExecutionResultConditions
                        .message(m -> m.contains("pgdbm.test.preparer=com.example.Missing"))));
    }

    @PgdbmTest
    static class SuiteFixture {
        @Test
        void seesColours(DatabaseManager db) {
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM colours")).isEqualTo(2);
        }
    }

    @Test
    void aCallbackPreparesTheTemplateOnceAndEachDatabaseIsAFreshClone() throws Exception {
        int[] builds = {0};
        TemplatePreparer preparer = TemplatePreparer.callback("counter-" + System.nanoTime(), ds -> {
            builds[0]++;
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE counter (n int)");
            }
        });
        try (TestDatabaseFactory factory = TestDatabaseFactory.create(Engine.server(), preparer)) {
            TestDatabase first = factory.createTestDatabase();
            first.manager().execute("INSERT INTO counter VALUES (1)");
            TestDatabase second = factory.createTestDatabase();
            assertThat(second.name()).isNotEqualTo(first.name());
            assertThat(second.manager().fetchValue(Long.class, "SELECT count(*) FROM counter")).isZero();
            assertThat(builds[0]).as("one template build for every clone").isEqualTo(1);

            factory.drop(first);
            Awaitility.await().untilAsserted(() -> assertThat(Engine.databases(first.name())).isEmpty());
            assertThat(Engine.databases(second.name())).containsExactly(second.name());
            factory.drop(first); // idempotent
        }
    }

    @Test
    void aFailingPreparerIsNamedWithItsCause() {
        TemplatePreparer failing = TemplatePreparer.callback("failing-" + System.nanoTime(), ds -> {
            throw new IllegalStateException("reference data missing");
        });
        try (TestDatabaseFactory factory = TestDatabaseFactory.create(Engine.server(), failing)) {
            assertThatThrownBy(factory::createTestDatabase).isInstanceOf(PgdbmException.class)
                    .hasMessageContaining("template preparer callback failing-")
                    .hasMessageContaining("reference data missing");
            assertThatThrownBy(() -> factory.createSchema("x")).hasMessageContaining("cannot do");
        }
    }

    @Test
    void theDropOfAnotherFactorysDatabaseIsRefused() {
        TemplatePreparer preparer = TemplatePreparer.sqlScripts("classpath:preparers/sql/schema.sql");
        try (TestDatabaseFactory one = TestDatabaseFactory.create(Engine.server(), preparer);
                TestDatabaseFactory other = TestDatabaseFactory.create(Engine.server(), preparer)) {
            TestDatabase db = one.createTestDatabase();
            assertThatThrownBy(() -> other.drop(db)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(db.name());
        }
    }

    @Test
    void equalPreparersShareATemplateAndAChangedFileBuildsAnother(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("schema.sql");
        Files.writeString(script, "CREATE TABLE a (id int); -- " + dir.getFileName());
        String first;
        try (RunContext run = RunContext.start(Engine.server(), TestSettings.defaults())) {
            first = run.templates().ensure(new TemplateSpec(List.of(), TemplatePreparer.sqlScripts(dir.toString())));
            String again = run.templates().ensure(new TemplateSpec(List.of(), TemplatePreparer.sqlScripts(dir.toString())));
            assertThat(again).isEqualTo(first);
        }
        Files.writeString(script, "CREATE TABLE b (id int); -- " + dir.getFileName());
        try (RunContext run = RunContext.start(Engine.server(), TestSettings.defaults())) {
            String changed = run.templates().ensure(new TemplateSpec(List.of(), TemplatePreparer.sqlScripts(dir.toString())));
            assertThat(changed).as("the next run sees the changed file").isNotEqualTo(first);
            String withModule = run.templates().ensure(new TemplateSpec(
                    List.of(new Module("notes", List.of("classpath:db/notes"), "shop", List.of())),
                    TemplatePreparer.sqlScripts(dir.toString())));
            assertThat(withModule).isNotEqualTo(changed);
        }
    }

    @Test
    void fingerprintsCoverEveryFileUnderALocationInAStableOrder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("nested"));
        Files.writeString(dir.resolve("V1__a.sql"), "a");
        Files.writeString(dir.resolve("nested/V2__b.sql"), "b");
        String one = new FingerprintDigest().addLocation(dir.toString()).hex();
        assertThat(new FingerprintDigest().addLocation(dir.toString()).hex()).isEqualTo(one);
        Files.writeString(dir.resolve("nested/V2__b.sql"), "b2");
        String changed = new FingerprintDigest().addLocation(dir.toString()).hex();
        assertThat(changed).isNotEqualTo(one);
        Files.writeString(dir.resolve("nested/V3__c.sql"), "");
        assertThat(new FingerprintDigest().addLocation(dir.toString()).hex()).as("an empty new file counts")
                .isNotEqualTo(changed);
        assertThat(new FingerprintDigest().add("ab", "c").hex()).isNotEqualTo(new FingerprintDigest().add("a", "bc").hex());
        assertThat(new FingerprintDigest().addLocation("classpath:preparers/sql").hex())
                .isNotEqualTo(new FingerprintDigest().addLocation("classpath:preparers/none").hex());
    }
}
