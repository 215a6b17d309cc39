package io.pgdbm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbAndSchemaCommandsTest {
    @TempDir
    Path dir;

    private final DatabaseConfig target = TestDatabases.server().toBuilder()
            .database("pgdbm_cli_db_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)).build();

    @AfterEach
    void dropDatabase() {
        TestDatabases.drop(target);
    }

    private Cli cli() throws Exception {
        Files.writeString(dir.resolve("pgdbm.toml"), """
                [environments.dev]
                url = "${URL}"
                [modules.users]
                migrations_path = "users"
                schema = "users"
                [modules.billing]
                migrations_path = "billing"
                schema = "billing"
                depends_on = ["users"]
                """);
        return new Cli(dir).env("URL", target.toUrl());
    }

    @Test
    void createsInspectsAndDropsTheEnvironmentsDatabase() throws Exception {
        Cli cli = cli();
        assertThat(cli.run("db", "create").out()).contains("✓ Created database '" + target.database() + "'");
        assertThat(cli.run("db", "create").out()).contains("already exists");

        Cli.Result connection = cli.run("db", "test-connection");
        assertThat(connection.exitCode()).as(connection.toString()).isZero();
        assertThat(connection.out()).contains("✓ Connection successful").doesNotContain("password");
        Cli.Result info = cli.run("db", "info");
        assertThat(info.out()).contains("Schemas:").contains("- public (0 tables)");

        assertThat(cli.run("db", "drop").exitCode()).isEqualTo(ExitCodes.FAILURE); // no answer: aborted
        assertThat(cli.run("db", "drop", "--yes").out()).contains("✓ Dropped database");
        assertThat(cli.run("db", "test-connection").exitCode()).isEqualTo(ExitCodes.CONNECTION);
    }

    @Test
    void schemaCommandsShowModulesAndDependencies() throws Exception {
        Cli cli = cli();
        cli.run("db", "create");
        assertThat(cli.run("schema", "create", "-m", "users").out()).contains("✓ Created schema 'users'");

        Cli.Result list = cli.run("schema", "list");
        assertThat(list.out()).contains("users (0 tables) - module: users").contains("billing → billing (dual)")
                .contains("depends on: users");
        Cli.Result deps = cli.run("schema", "deps", "-m", "billing");
        assertThat(deps.out()).contains("apply order: users → billing").contains("  users → users");
        assertThat(cli.run("schema", "deps", "-m", "users").out()).contains("- billing");
    }

    @Test
    void generateConfigWritesALoadableFile() throws Exception {
        Cli cli = new Cli(dir).env("DATABASE_URL", "postgresql://localhost/x");
        assertThat(cli.run("generate", "config", "-n", "shop").exitCode()).isZero();
        assertThat(ConfigLoader.load(dir.resolve("pgdbm.toml"), cli.env("DATABASE_URL", "postgresql://h/db").variables()::get)
                .environments()).containsKeys("dev", "test", "prod");
        assertThat(cli.run("generate", "config").exitCode()).isEqualTo(ExitCodes.FAILURE); // exists, not confirmed
    }
}
