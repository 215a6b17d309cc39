package io.pgdbm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCommandsTest {
    @TempDir
    Path dir;

    private final List<DatabaseConfig> databases = new ArrayList<>();

    @AfterEach
    void dropDatabases() {
        databases.forEach(TestDatabases::drop);
    }

    private DatabaseConfig newDatabase() {
        DatabaseConfig db = TestDatabases.create("cli_dev");
        databases.add(db);
        return db;
    }

    @Test
    void exportedSchemaRecreatesTheSchemaOnAnEmptyDatabase() throws Exception {
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

    /** The export is psql input (pg_dump may emit psql meta-commands), so it is loaded the way users load it. */
    private static int psql(DatabaseConfig db, Path file) throws Exception {
        Path psql = Path.of("/usr/bin/psql");
        assumeThat(Files.isExecutable(psql)).as("psql is needed to load a pg_dump export").isTrue();
        Process p = new ProcessBuilder(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file.toString(),
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
}
