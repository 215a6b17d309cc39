package io.pgdbm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import io.pgdbm.TestDatabase;
import java.io.StringWriter;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateCommandsTest {
    @TempDir
    Path dir;

    private TestDatabase testDatabase;
    private DatabaseConfig database;

    @BeforeEach
    void createDatabase() {
        testDatabase = TestDatabase.create("cli");
        database = testDatabase.config();
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    private Cli cli() {
        return new Cli(dir).env("APP_DB_URL", database.toUrl());
    }

    private void file(String relative, String content) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    /** users ← billing ← reports, declared in reverse, each in its own schema. */
    private void threeModules() throws Exception {
        file("pgdbm.toml", """
                [project]
                name = "shop"
                [database]
                migrations_table = "pgdbm_history"
                [environments.dev]
                url = "${APP_DB_URL}"
                [modules.reports]
                migrations_path = "reports/migrations"
                schema = "reports"
                depends_on = ["billing"]
                [modules.billing]
                migrations_path = "billing/migrations"
                schema = "billing"
                depends_on = ["users"]
                [modules.users]
                migrations_path = "users/migrations"
                schema = "users"
                [shared_pool]
                min_connections = 1
                max_connections = 3
                modules = ["users", "billing", "reports"]
                """);
        file("users/migrations/001_users.sql", "CREATE TABLE {{tables.users}} (id int PRIMARY KEY);");
        file("billing/migrations/001_invoices.sql",
                "CREATE TABLE {{tables.invoices}} (id int PRIMARY KEY, user_id int REFERENCES users.users(id));");
        file("reports/migrations/001_totals.sql",
                "CREATE VIEW {{tables.totals}} AS SELECT user_id, count(*) AS n FROM billing.invoices GROUP BY user_id;");
    }

    private List<String> tablesIn(String schema) {
        try (SharedPool pool = SharedPool.create(database.toBuilder().minConnections(0).maxConnections(1).build())) {
            return new DatabaseManager(pool).fetchAll(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", schema)
                    .stream().map(r -> r.getString("table_name")).toList();
        }
    }

    @Test
    void appliesThreeModulesInDependencyOrderIntoTheirOwnSchemas() throws Exception {
        threeModules();

        Cli.Result r = cli().run("migrate", "apply", "--all");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Resolved module order: users → billing → reports")
                .contains("✓ users: 001_users.sql (").contains("✓ Applied 3 migration(s) in 3 module(s)");
        assertThat(r.out().indexOf("users: 001")).isLessThan(r.out().indexOf("billing: 001"));
        assertThat(r.out().indexOf("billing: 001")).isLessThan(r.out().indexOf("reports: 001"));
        assertThat(tablesIn("users")).containsExactly("pgdbm_history", "users");
        assertThat(tablesIn("billing")).containsExactly("invoices", "pgdbm_history");
        assertThat(tablesIn("reports")).containsExactly("pgdbm_history", "totals");

        Cli.Result again = cli().run("migrate", "apply", "--all");
        assertThat(again.out()).contains("No pending migrations (3 module(s))");
    }

    @Test
    void moduleOptionAppliesTheModuleAndItsDependenciesOnly() throws Exception {
        threeModules();
        Cli.Result r = cli().run("migrate", "apply", "--module", "billing");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Resolved module order: users → billing");
        assertThat(tablesIn("reports")).isEmpty();
    }

    @Test
    void failingMigrationExitsWithMigrationCodeNamingTheFile() throws Exception {
        threeModules();
        file("billing/migrations/002_broken.sql", "CREATE TABLE {{tables.broken}} (id int REFERENCES nowhere(id));");

        Cli.Result r = cli().run("migrate", "apply", "--all");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.MIGRATION);
        assertThat(r.out()).contains("✓ billing: 001_invoices.sql").contains("✗ billing: 002_broken.sql failed");
        assertThat(r.err()).contains("002_broken.sql").contains("nowhere");
        assertThat(tablesIn("reports")).isEmpty();
    }

    @Test
    void dryRunChangesNothingAndReportsJson() throws Exception {
        threeModules();

        Cli.Result text = cli().run("migrate", "apply", "--all", "--dry-run");
        Cli.Result json = cli().run("migrate", "apply", "--dry-run", "--json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("billing: would apply 1 migration(s) into schema billing").contains("- 001_invoices.sql");
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("order").toString()).isEqualTo("[\"users\",\"billing\",\"reports\"]");
        assertThat(doc.get("modules").get(1).get("pending").get(0).asText()).isEqualTo("001_invoices.sql");
        assertThat(tablesIn("users")).isEmpty();
        assertThat(tablesIn("billing")).isEmpty();
    }

    @Test
    void statusReportsPendingThenDriftAndRepairAcceptsTheEdit() throws Exception {
        threeModules();
        cli().run("migrate", "apply", "--all");
        file("users/migrations/002_more.sql", "CREATE TABLE {{tables.more}} (id int);");

        JsonNode status = new ObjectMapper().readTree(cli().run("migrate", "status", "--json").out());
        assertThat(status.get("modules").get(0).get("pending").get(0).asText()).isEqualTo("002_more.sql");

        file("users/migrations/001_users.sql", "CREATE TABLE {{tables.users}} (id int PRIMARY KEY, name text);");
        Cli.Result drift = cli().run("migrate", "status");
        assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(ExitCodes.CHECKSUM);
        assertThat(drift.out()).contains("001_users.sql").contains("MODIFIED since applied");
        assertThat(cli().run("migrate", "validate").exitCode()).isEqualTo(ExitCodes.CHECKSUM);
        assertThat(cli().run("migrate", "apply", "--all").exitCode()).isEqualTo(ExitCodes.CHECKSUM);

        Cli.Result refused = cli().run("migrate", "repair", "--module", "users", "--file", "001_users.sql");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILURE);
        Cli.Result repaired = cli().input("y\n").run("migrate", "repair", "-m", "users", "-f", "001_users.sql");
        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(cli().run("migrate", "apply", "--all").exitCode()).isZero();
        assertThat(tablesIn("users")).contains("more");
    }

    @Test
    void simpleModeUsesDatabaseUrlAndMigrationsDirectory() throws Exception {
        file("migrations/001_first.sql", "CREATE TABLE {{tables.things}} (id int);");
        Cli simple = new Cli(dir).env("DATABASE_URL", database.toUrl());

        Cli.Result r = simple.run("migrate", "apply");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("✓ public: 001_first.sql");
        assertThat(tablesIn("public")).containsExactly("schema_migrations", "things");
        Cli.Result create = simple.run("migrate", "create", "add_index");
        assertThat(create.exitCode()).as(create.toString()).isZero();
        assertThat(dir.resolve("migrations/002_add_index.sql")).exists();
    }

    @Test
    void simpleModeWithoutDatabaseUrlIsAConfigError() {
        Cli.Result r = new Cli(dir).run("migrate", "apply");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("DATABASE_URL is not set");
    }

    @Test
    void unreachableServerExitsWithConnectionCode() throws Exception {
        file("migrations/001_first.sql", "SELECT 1;");
        Cli.Result r = new Cli(dir).env("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none").run("migrate", "apply");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONNECTION);
    }

    @Test
    void verifyAppliesEverythingToAThrowawayDatabase() throws Exception {
        threeModules();
        String server = TestDatabase.server().toUrl();

        Cli.Result r = cli().run("migrate", "verify", "--url", server, "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("ok").asBoolean()).isTrue();
        assertThat(doc.get("modules").size()).isEqualTo(3);
        assertThat(tablesIn("users")).isEmpty(); // the environment's database was not touched
    }

    @Test
    void schemaCleanDropsOnlyEmptyUnconfiguredSchemas() throws Exception {
        threeModules();
        cli().run("migrate", "apply", "--all");
        try (SharedPool pool = SharedPool.create(database.toBuilder().minConnections(0).maxConnections(1).build())) {
            DatabaseManager db = new DatabaseManager(pool);
            db.execute("CREATE SCHEMA leftover");
            db.execute("CREATE SCHEMA has_view");
            db.execute("CREATE VIEW has_view.v AS SELECT 1 AS one");
        }

        Cli.Result r = cli().run("schema", "clean", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Dropped leftover").doesNotContain("has_view").doesNotContain("Dropped users");
    }

    @Test
    void moduleNameIsWhatTheHistoryRecords() throws Exception {
        file("pgdbm.toml", """
                [environments.dev]
                url = "${APP_DB_URL}"
                [modules.service1]
                migrations_path = "service1"
                schema = "service1"
                module_name = "my_service_service1"
                """);
        file("service1/001_items.sql", "CREATE TABLE {{tables.items}} (id int);");

        Cli.Result r = cli().run("migrate", "apply");
        Cli.Result status = cli().run("migrate", "status");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(historyModules("service1")).containsExactly("my_service_service1");
        assertThat(status.out()).contains("Module: service1 (schema service1, recorded as 'my_service_service1')")
                .contains("Applied: 1, pending: 0");
    }

    private List<String> historyModules(String schema) {
        try (SharedPool pool = SharedPool.create(database.toBuilder().minConnections(0).maxConnections(1).build())) {
            return new DatabaseManager(pool).fetchAll("SELECT module_name FROM " + schema + ".schema_migrations")
                    .stream().map(row -> row.getString("module_name")).toList();
        }
    }

    @Test
    void statusFailsForAMissingAppliedFileAndRepairRemovesItsEntry() throws Exception {
        file("migrations/001_a.sql", "CREATE TABLE {{tables.a}} (id int);");
        file("migrations/002_b.sql", "CREATE TABLE {{tables.b}} (id int);");
        Cli simple = new Cli(dir).env("DATABASE_URL", database.toUrl());
        assertThat(simple.run("migrate", "apply").exitCode()).isZero();
        Files.delete(dir.resolve("migrations/002_b.sql"));

        Cli.Result status = simple.run("migrate", "status");
        Cli.Result statusJson = simple.run("migrate", "status", "--json");
        Cli.Result repaired = simple.run("migrate", "repair", "-m", "public", "-f", "002_b.sql", "--yes");
        Cli.Result after = simple.run("migrate", "status");

        assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCodes.CHECKSUM);
        assertThat(status.out()).contains("✗ 002_b.sql (applied, but the file is missing)")
                .contains("migrate repair --module public --file FILE");
        JsonNode json = new ObjectMapper().readTree(statusJson.out());
        assertThat(json.get("modules").get(0).get("missingFiles").get(0).asText()).isEqualTo("002_b.sql");
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("exitCode").asInt()).isEqualTo(ExitCodes.CHECKSUM);
        assertThat(json.get("error").asText()).contains("missing");
        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.out()).contains("Removed the history entry of public/002_b.sql");
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(tablesIn("public")).contains("b"); // what the file created stays
    }

    @Test
    void repairRemoveMakesAnExistingFilePendingAgain() throws Exception {
        file("migrations/001_a.sql", "CREATE TABLE IF NOT EXISTS {{tables.a}} (id int);");
        Cli simple = new Cli(dir).env("DATABASE_URL", database.toUrl());
        simple.run("migrate", "apply");

        Cli.Result removed = simple.input("y\n").run("migrate", "repair", "-m", "public", "-f", "001_a.sql", "--remove");
        Cli.Result status = simple.run("migrate", "status", "--json");

        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(new ObjectMapper().readTree(status.out()).get("modules").get(0).get("pending").get(0).asText())
                .isEqualTo("001_a.sql");
        assertThat(simple.run("migrate", "repair", "-m", "public", "-f", "009_none.sql", "--yes").exitCode())
                .isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    void aCreatedFileIsNotRecordedAsAppliedUntilItHoldsSql() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Cli simple = new Cli(dir).env("DATABASE_URL", database.toUrl());
        assertThat(simple.run("migrate", "create", "add_things").exitCode()).isZero();

        Cli.Result refused = simple.run("migrate", "apply");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.MIGRATION);
        assertThat(refused.err()).contains("001_add_things.sql").contains("holds only comments");
        assertThat(tablesIn("public")).doesNotContain("schema_migrations");
        Files.writeString(dir.resolve("migrations/001_add_things.sql"), "CREATE TABLE {{tables.things}} (id int);", 
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(simple.run("migrate", "apply").exitCode()).isZero();
        assertThat(tablesIn("public")).contains("things");
    }

    @Test
    void aClasspathLocationTheCommandCannotSeeIsAnError() throws Exception {
        file("pgdbm.toml", """
                [environments.dev]
                url = "${APP_DB_URL}"
                [modules.billing]
                migrations_path = "classpath:db/migrations/no_such_library"
                schema = "billing"
                """);
        for (String[] command : new String[][] {{"migrate", "apply"}, {"migrate", "status"}, {"migrate", "validate"}}) {
            Cli.Result r = cli().run(command);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONFIG);
            assertThat(r.err()).contains("classpath:db/migrations/no_such_library is not on the pgdbm command's class path")
                    .contains("PGDBM_CLASSPATH");
        }
    }

    @Test
    void statusOfAMissingMigrationsDirectoryIsAnError() {
        Cli.Result r = new Cli(dir).env("DATABASE_URL", database.toUrl()).run("migrate", "status");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("Migrations directory of module 'public' not found");
    }

    @Test
    void applyJsonReportsTheFailureWithPartialResults() throws Exception {
        threeModules();
        file("billing/migrations/002_broken.sql", "CREATE TABLE {{tables.broken}} (id int REFERENCES nowhere(id));");

        Cli.Result r = cli().run("migrate", "apply", "--json");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.MIGRATION);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("ok").asBoolean()).isFalse();
        assertThat(doc.get("exitCode").asInt()).isEqualTo(ExitCodes.MIGRATION);
        assertThat(doc.get("error").asText()).contains("002_broken.sql");
        assertThat(doc.get("modules").get(0).get("applied").get(0).get("file").asText()).isEqualTo("001_users.sql");
        assertThat(doc.get("modules").get(1).get("status").asText()).isEqualTo("failed");
        assertThat(doc.get("modules").get(1).get("applied").get(0).get("file").asText()).isEqualTo("001_invoices.sql");
        assertThat(doc.get("modules").get(1).get("pending").get(0).asText()).isEqualTo("002_broken.sql");
    }

    @Test
    void eachFilesLineAppearsWhenItIsDoneAndALockWaitIsShown() throws Exception {
        file("migrations/001_first.sql", "CREATE TABLE {{tables.first}} (id int);");
        file("migrations/002_blocked.sql", "SELECT pg_advisory_xact_lock(4242);\nCREATE TABLE {{tables.second}} (id int);");
        Cli simple = new Cli(dir).env("DATABASE_URL", database.toUrl());
        StringWriter live = new StringWriter();
        try (Connection holder = testDatabase.rawConnection(); Statement st = holder.createStatement()) {
            st.execute("SET application_name = 'lock-holder'");
            st.execute("SELECT pg_advisory_lock(hashtext('pgdbm_migration_public'))");
            int holderPid = holder.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> simple.run(live, "migrate", "apply"));

            await().atMost(Duration.ofSeconds(30)).until(() -> live.toString().contains("waiting for the migration lock"));
            assertThat(live.toString()).contains("public: waiting for the migration lock held by pid " + holderPid
                    + " (application 'lock-holder', since ");
            st.execute("SELECT pg_advisory_lock(4242)"); // 002 will wait for this one
            st.execute("SELECT pg_advisory_unlock(hashtext('pgdbm_migration_public'))");

            await().atMost(Duration.ofSeconds(30)).until(() -> live.toString().contains("✓ public: 001_first.sql"));
            assertThat(live.toString()).doesNotContain("002_blocked.sql");
            st.execute("SELECT pg_advisory_unlock(4242)");

            Cli.Result r = run.get(60, TimeUnit.SECONDS);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(live.toString()).contains("✓ public: 002_blocked.sql");
        }
    }

    @Test
    void aLockWaitIsShownOnStandardErrorWithJson() throws Exception {
        file("migrations/001_first.sql", "CREATE TABLE {{tables.first}} (id int);");
        Cli simple = new Cli(dir).env("DATABASE_URL", database.toUrl());
        StringWriter err = new StringWriter();
        try (Connection holder = testDatabase.rawConnection(); Statement st = holder.createStatement()) {
            st.execute("SELECT pg_advisory_lock(hashtext('pgdbm_migration_public'))");
            CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(
                    () -> simple.run(new StringWriter(), err, "--json", "migrate", "apply"));
            await().atMost(Duration.ofSeconds(30)).until(() -> err.toString().contains("waiting for the migration lock"));
            st.execute("SELECT pg_advisory_unlock(hashtext('pgdbm_migration_public'))");

            Cli.Result r = run.get(60, TimeUnit.SECONDS);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("waiting for the migration lock held by pid");
            assertThat(new ObjectMapper().readTree(r.out()).get("ok").asBoolean()).isTrue();
        }
    }
}
