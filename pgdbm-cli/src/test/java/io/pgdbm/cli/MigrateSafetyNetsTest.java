package io.pgdbm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import io.pgdbm.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate baseline}, {@code migrate apply --target} and {@code --out-of-order}, in simple mode. */
class MigrateSafetyNetsTest {
    @TempDir
    Path dir;

    private TestDatabase testDatabase;
    private DatabaseConfig database;

    @BeforeEach
    void createDatabase() throws Exception {
        testDatabase = TestDatabase.create("cli");
        database = testDatabase.config();
        Files.createDirectories(dir.resolve("migrations"));
        file("001_users.sql", "CREATE TABLE {{tables.users}} (id int PRIMARY KEY);");
        file("002_orders.sql", "CREATE TABLE {{tables.orders}} (id int PRIMARY KEY);");
        file("004_notes.sql", "CREATE TABLE {{tables.notes}} (id int);");
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    private Cli cli() {
        return new Cli(dir).env("DATABASE_URL", database.toUrl());
    }

    private void file(String name, String content) throws Exception {
        Files.writeString(dir.resolve("migrations").resolve(name), content);
    }

    private List<String> recorded() {
        try (SharedPool pool = SharedPool.create(database.toBuilder().minConnections(0).maxConnections(1).build())) {
            return new DatabaseManager(pool).fetchAll(String.class, "SELECT filename FROM public.schema_migrations ORDER BY filename");
        }
    }

    @Test
    void baselineRecordsFilesWithoutRunningThemAndIsRefusedTheSecondTime() {
        Cli.Result r = cli().run("migrate", "baseline", "--version", "2");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Baselined module public").contains("2 file(s) recorded").contains("= 002_orders.sql");
        assertThat(recorded()).containsExactly("001_users.sql", "002_orders.sql");
        Cli.Result rest = cli().run("migrate", "apply");
        assertThat(rest.out()).contains("✓ public: 004_notes.sql").doesNotContain("001_users.sql (");

        Cli.Result again = cli().run("migrate", "baseline", "--version", "4");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.MIGRATION);
        assertThat(again.err()).contains("Cannot baseline at version 4").contains("already has 3 row(s)");
        Cli.Result help = cli().run("migrate", "baseline", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--version=VERSION").contains("Exit codes:");
    }

    @Test
    void targetAppliesUpToTheVersion() {
        Cli.Result r = cli().run("migrate", "apply", "--target", "2");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(recorded()).containsExactly("001_users.sql", "002_orders.sql");
        Cli.Result missing = cli().run("migrate", "apply", "--target", "3");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.MIGRATION);
        assertThat(missing.err()).contains("No migration file with target version 3");
    }

    @Test
    void targetOfOneModuleAppliesItsDependenciesInFull() throws Exception {
        Files.writeString(dir.resolve("pgdbm.toml"), """
                [environments.dev]
                url = "${APP_DB_URL}"
                [modules.billing]
                migrations_path = "migrations_billing"
                schema = "billing"
                depends_on = ["users"]
                [modules.users]
                migrations_path = "migrations"
                schema = "users"
                """);
        Files.createDirectories(dir.resolve("migrations_billing"));
        Files.writeString(dir.resolve("migrations_billing/001_invoices.sql"), "CREATE TABLE {{tables.invoices}} (id int);");
        Files.writeString(dir.resolve("migrations_billing/002_lines.sql"), "CREATE TABLE {{tables.lines}} (id int);");
        Cli config = new Cli(dir).env("APP_DB_URL", database.toUrl());

        Cli.Result ambiguous = config.run("migrate", "apply", "--target", "1");
        Cli.Result r = config.run("migrate", "apply", "--module", "billing", "--target", "1");

        assertThat(ambiguous.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(ambiguous.err()).contains("choose one for --target with --module");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("✓ users: 004_notes.sql").contains("✓ billing: 001_invoices.sql")
                .doesNotContain("002_lines.sql");
    }

    @Test
    void aLateFileIsRefusedUnlessOutOfOrderIsGiven() throws Exception {
        assertThat(cli().run("migrate", "apply").exitCode()).isZero();
        file("003_from_a_branch.sql", "CREATE TABLE {{tables.late}} (id int);");

        Cli.Result refused = cli().run("migrate", "apply");
        Cli.Result dryRun = cli().run("migrate", "apply", "--dry-run", "--out-of-order");
        Cli.Result allowed = cli().run("migrate", "apply", "--out-of-order");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.MIGRATION);
        assertThat(refused.err()).contains("003_from_a_branch.sql (version 3) is pending")
                .contains("004_notes.sql (version 4) is already applied").contains("--out-of-order");
        assertThat(dryRun.out()).contains("- 003_from_a_branch.sql");
        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(recorded()).contains("003_from_a_branch.sql");
    }
}
