package io.pgdbm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import io.pgdbm.TestDatabase;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCommandsTest {
    @TempDir
    Path dir;

    private final List<TestDatabase> databases = new ArrayList<>();

    @AfterEach
    void dropDatabases() {
        databases.forEach(TestDatabase::close);
    }

    private DatabaseConfig newDatabase() {
        TestDatabase db = TestDatabase.create("cli_dev");
        databases.add(db);
        return db.config();
    }

    @Test
    void exportedSchemaRecreatesTheSchemaOnAnEmptyDatabase() throws Exception {
        assumeThat(runs("pg_dump")).as("PostgreSQL's client tools (pg_dump, psql) export and load the schema").isTrue();
        assumeThat(runs("psql")).as("PostgreSQL's client tools (pg_dump, psql) export and load the schema").isTrue();
        DatabaseConfig source = newDatabase();
        DatabaseConfig target = newDatabase();
        Files.createDirectories(dir.resolve("orders"));
        Files.writeString(dir.resolve("orders/001_orders.sql"), """
                CREATE TABLE {{tables.orders}} (id bigserial PRIMARY KEY, total numeric(10,2) NOT NULL CHECK (total >= 0));
                CREATE INDEX orders_total_idx ON {{tables.orders}} (total);
                CREATE VIEW {{tables.big_orders}} AS SELECT * FROM {{tables.orders}} WHERE total > 100;
                """);
        Files.writeString(dir.resolve("pgdbm.toml"), """
                [environments.dev]
                url = "${URL}"
                [modules.orders]
                migrations_path = "orders"
                schema = "orders"
                """);
        Cli cli = new Cli(dir).env("URL", source.toUrl());
        assertThat(cli.run("dev", "start").exitCode()).isZero();

        Cli.Result export = cli.run("dev", "export-schema", "-o", "schema.sql");

        assertThat(export.exitCode()).as(export.toString()).isZero();
        String sql = Files.readString(dir.resolve("schema.sql"));
        assertThat(sql).contains("CREATE TABLE orders.orders").contains("orders_total_idx");
        assertThat(psql(target, dir.resolve("schema.sql"))).isZero();
        assertThat(objects(target)).isEqualTo(objects(source));
    }

    /** Whether {@code tool --version} runs: a package's wrapper without the server's binaries does not. */
    private static boolean runs(String tool) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The export is psql input (pg_dump may emit psql meta-commands), so it is loaded the way users load it. */
    private static int psql(DatabaseConfig db, Path file) throws Exception {
        Process p = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file.toString(),
                db.maskedUrl().replace(":****@", "@")).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static List<String> objects(DatabaseConfig db) {
        try (SharedPool pool = SharedPool.create(db.toBuilder().minConnections(0).maxConnections(1).build())) {
            return new DatabaseManager(pool).fetchAll("""
                    SELECT c.relname || ':' || c.relkind::text AS o FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'orders' ORDER BY 1""").stream().map(r -> r.getString("o")).toList();
        }
    }

    @Test
    void resetRecreatesTheDatabaseAndMigratesAfterConfirmation() throws Exception {
        DatabaseConfig db = newDatabase();
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/001_t.sql"), "CREATE TABLE {{tables.t}} (id int);");
        Cli cli = new Cli(dir).env("DATABASE_URL", db.toUrl());
        cli.run("dev", "start");

        Cli.Result declined = cli.input("n\n").run("dev", "reset");
        Cli.Result reset = cli.run("dev", "reset", "--yes");

        assertThat(declined.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(declined.err()).contains("Aborted");
        assertThat(reset.exitCode()).as(reset.toString()).isZero();
        assertThat(reset.out()).contains("✓ public: 001_t.sql");
    }

    @Test
    void watchAppliesNewFiles() throws Exception {
        DatabaseConfig db = newDatabase();
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/001_t.sql"), "CREATE TABLE {{tables.t}} (id int);");
        Cli.Result r = new Cli(dir).env("DATABASE_URL", db.toUrl()).run("dev", "watch", "--rounds", "1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("✓ public: 001_t.sql");
    }

    @Test
    void destructiveDevCommandsRefuseANonDevEnvironmentUnlessForced() throws Exception {
        DatabaseConfig db = newDatabase();
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/001_t.sql"), "CREATE TABLE {{tables.t}} (id int);");
        Files.writeString(dir.resolve("pgdbm.toml"), "[environments.prod]\nurl = \"${URL}\"\n");
        Cli cli = new Cli(dir).env("URL", db.toUrl());
        assertThat(cli.run("-e", "prod", "migrate", "apply").exitCode()).isZero();

        for (String command : new String[] {"reset", "start", "watch"}) {
            Cli.Result r = command.equals("reset") ? cli.run("-e", "prod", "dev", "reset", "--yes") : cli.run("-e", "prod", "dev", command);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("not 'prod'").contains("--force-env");
        }
        assertThat(tables(db)).contains("t"); // nothing was wiped

        Cli.Result forced = cli.run("-e", "prod", "dev", "reset", "--yes", "--force-env");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(forced.out()).contains("✓ public: 001_t.sql");
    }

    private static List<String> tables(DatabaseConfig db) {
        try (SharedPool pool = SharedPool.create(db.toBuilder().minConnections(0).maxConnections(1).build())) {
            return new DatabaseManager(pool).fetchAll("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                    .stream().map(r -> r.getString("tablename")).toList();
        }
    }

    @Test
    void watchReportsABrokenFileOnceAndKeepsWatching() throws Exception {
        DatabaseConfig db = newDatabase();
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/001_t.sql"), "CREATE TABLE {{tables.t}} (id int);");
        Files.writeString(dir.resolve("migrations/002_broken.sql"), "CREATE TABLE {{tables.u}} (id int REFERENCES nowhere(id));");
        StringWriter live = new StringWriter();
        Cli cli = new Cli(dir).env("DATABASE_URL", db.toUrl());
        CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(
                () -> cli.run(live, "dev", "watch", "--interval", "1", "--rounds", "6"));

        await().atMost(Duration.ofSeconds(30)).until(() -> live.toString().contains("002_broken.sql failed"));
        Files.writeString(dir.resolve("migrations/002_broken.sql"), "CREATE TABLE {{tables.u}} (id int);");

        Cli.Result r = run.get(60, TimeUnit.SECONDS);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(live.toString()).contains("✓ public: 001_t.sql").contains("still watching")
                .contains("✓ public: 002_broken.sql");
        assertThat(live.toString().split("002_broken.sql failed", -1)).hasSize(2); // reported once
        assertThat(r.err()).contains("nowhere");
    }
}
