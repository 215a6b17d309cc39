package io.pgdbm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdbm.DatabaseConfig;
import io.pgdbm.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The options before the group: parsing, connection precedence, the target line, JSON and exit codes. */
class GlobalOptionsTest {
    private static final String UNREACHABLE = "postgresql://nobody@127.0.0.1:1/none";

    @TempDir
    Path dir;

    private TestDatabase testDatabase;
    private DatabaseConfig database;

    @BeforeEach
    void createDatabase() {
        testDatabase = TestDatabase.create("cli_opts");
        database = testDatabase.config();
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    private void file(String relative, String content) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.toAbsolutePath().getParent());
        Files.writeString(p, content);
    }

    private static JsonNode json(Cli.Result r) throws Exception {
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void everyGlobalOptionTakesAValueSpelledLikeASubcommand() {
        for (String value : new String[] {"dev", "db", "migrate", "schema", "generate", "help"}) {
            PgdbmCommand root = parse("-c", value, "-e", value, "--url", value, "--user", value, "--password", value,
                    "migrate", "status");
            assertThat(root.configFile).isEqualTo(Path.of(value));
            assertThat(root.environment).isEqualTo(value);
            assertThat(root.url).isEqualTo(value);
            assertThat(root.user).isEqualTo(value);
            assertThat(root.password).isEqualTo(value);

            PgdbmCommand longForms = parse("--config", value, "--env", value, "--url=" + value, "db", "info");
            assertThat(longForms.configFile).isEqualTo(Path.of(value));
            assertThat(longForms.environment).isEqualTo(value);
        }
    }

    @Test
    void flagsAreAcceptedBeforeTheGroupAndAfterTheCommand() {
        PgdbmCommand before = parse("--json", "-q", "--no-config", "migrate", "status");
        PgdbmCommand after = parse("migrate", "status", "--json", "--quiet");
        assertThat(before.json).isTrue();
        assertThat(before.quiet).isTrue();
        assertThat(before.noConfig).isTrue();
        assertThat(after.json).isTrue();
        assertThat(after.quiet).isTrue();
    }

    private PgdbmCommand parse(String... args) {
        CliEnvironment env = new CliEnvironment(name -> null, dir, new java.io.BufferedReader(new java.io.StringReader("")));
        CommandLine cl = Main.commandLine(env, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        cl.parseArgs(args);
        return cl.getCommand();
    }

    @Test
    void envNamedDevIsTypedWithDashEAndDashDashEnv() throws Exception {
        file("pgdbm.toml", """
                [project]
                default_env = "migrate"
                [environments.migrate]
                url = "%s"
                [environments.dev]
                url = "${APP_URL}"
                """.formatted(UNREACHABLE));
        file("migrations/001_t.sql", "CREATE TABLE {{tables.t}} (id int);");
        Cli cli = new Cli(dir).env("APP_URL", database.toUrl());

        Cli.Result shortForm = cli.run("-e", "dev", "migrate", "apply");
        Cli.Result longForm = cli.run("--env", "dev", "migrate", "status");

        assertThat(shortForm.exitCode()).as(shortForm.toString()).isZero();
        assertThat(shortForm.out()).contains("✓ public: 001_t.sql");
        assertThat(longForm.exitCode()).as(longForm.toString()).isZero();
        assertThat(longForm.out()).contains("Applied: 1, pending: 0");
    }

    @Test
    void configFileNamedLikeAGroupIsRead() throws Exception {
        file("db", "[environments.dev]\nurl = \"${APP_URL}\"\n");
        file("migrations/001_t.sql", "CREATE TABLE {{tables.t}} (id int);");

        Cli.Result r = new Cli(dir).env("APP_URL", database.toUrl()).run("-c", "db", "migrate", "apply");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("environments.dev of db");
    }

    @Test
    void generatedConfigWorksOnDevWithoutTheOtherEnvironmentsVariables() throws Exception {
        String name = "pgdbm_cli_gen_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Cli cli = new Cli(dir); // no DATABASE_URL: [environments.prod] url = "${DATABASE_URL}" must not matter
        assertThat(cli.run("generate", "config", "-n", name).exitCode()).isZero();
        String toml = Files.readString(dir.resolve("pgdbm.toml"));
        DatabaseConfig server = TestDatabase.server();
        Files.writeString(dir.resolve("pgdbm.toml"), toml.replace("host = \"localhost\"", "host = \"" + server.host() + "\"")
                .replace("port = 5432", "port = " + server.port()).replace("user = \"postgres\"", "user = \"" + server.user() + "\""));
        try {
            Cli.Result create = cli.run("db", "create");

            assertThat(create.exitCode()).as(create.toString()).isZero();
            assertThat(create.out()).contains("✓ Created database '" + name + "_dev'");
            assertThat(cli.run("-e", "prod", "db", "create").err()).contains("DATABASE_URL is not set");
        } finally {
            TestDatabase.drop(name + "_dev");
        }
    }

    @Test
    void theCommandUsesAtMostTwoConnectionsWhateverSharedPoolSays() throws Exception {
        file("pgdbm.toml", """
                [environments.dev]
                url = "${APP_URL}"
                [shared_pool]
                min_connections = 50
                max_connections = 60
                """);
        file("migrations/001_seen.sql", """
                CREATE TABLE {{tables.seen}} AS SELECT count(*) AS n FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'pgdbm_cli';
                """);

        Cli.Result r = new Cli(dir).env("APP_URL", database.toUrl()).run("migrate", "apply");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(count()).isBetween(1L, 2L);
    }

    private long count() {
        try (var pool = io.pgdbm.SharedPool.create(database.toBuilder().minConnections(0).maxConnections(1).build())) {
            return new io.pgdbm.DatabaseManager(pool).fetchValue(Long.class, "SELECT n FROM public.seen");
        }
    }

    @Test
    void urlFlagBeatsDatabaseUrlWhichBeatsTheFile() throws Exception {
        file("pgdbm.toml", "[environments.dev]\nurl = \"" + UNREACHABLE + "\"\n");
        Cli cli = new Cli(dir);

        Cli.Result fromFile = cli.run("db", "test-connection");
        Cli.Result fromVariable = new Cli(dir).env("DATABASE_URL", database.toUrl()).run("db", "test-connection");
        Cli.Result fromFlag = new Cli(dir).env("DATABASE_URL", UNREACHABLE)
                .run("--url", database.toUrl(), "db", "test-connection");

        assertThat(fromFile.exitCode()).isEqualTo(ExitCodes.CONNECTION);
        assertThat(fromVariable.exitCode()).as(fromVariable.toString()).isZero();
        assertThat(fromVariable.out()).contains("from DATABASE_URL").contains("Database:   " + database.database());
        assertThat(fromFlag.exitCode()).as(fromFlag.toString()).isZero();
        assertThat(fromFlag.out()).contains("from --url");
        assertThat(fromVariable.err()).contains("Warning: DATABASE_URL replaces the connection of [environments.dev]");
        assertThat(fromFlag.err()).doesNotContain("Warning");
        Files.writeString(dir.resolve("pgdbm.toml"), "[environments.dev]\nurl = \"${DATABASE_URL}\"\n");
        Cli.Result same = new Cli(dir).env("DATABASE_URL", database.toUrl()).run("db", "test-connection");
        assertThat(same.exitCode()).as(same.toString()).isZero();
        assertThat(same.err()).doesNotContain("Warning");
    }

    @Test
    void userFlagOverridesTheUrlsUser() {
        Cli.Result r = new Cli(dir).env("DATABASE_URL", database.toUrl()).env("PGDBM_USER", "nobody_at_all")
                .run("--no-config", "--user", database.user(), "db", "test-connection");
        Cli.Result fromVariable = new Cli(dir).env("DATABASE_URL", database.toUrl()).env("PGDBM_USER", "nobody_at_all")
                .run("db", "test-connection");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("User:       " + database.user());
        assertThat(fromVariable.exitCode()).as(fromVariable.toString()).isEqualTo(ExitCodes.CONNECTION);
        assertThat(fromVariable.err()).contains("nobody_at_all");
    }

    @Test
    void everyDatabaseCommandNamesItsTargetWithTheMaskedUrl() throws Exception {
        String withPassword = database.toBuilder().password("s3cret-pw").build().toUrl();
        file("migrations/001_t.sql", "CREATE TABLE {{tables.t}} (id int);");
        Cli cli = new Cli(dir).env("DATABASE_URL", withPassword);
        for (String[] command : new String[][] {{"db", "info"}, {"db", "test-connection"}, {"migrate", "apply"},
                {"migrate", "status"}, {"migrate", "validate"}, {"schema", "list"}, {"schema", "clean", "--dry-run"}}) {
            Cli.Result r = cli.run(command);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).as(String.join(" ", command)).contains("Target: postgresql://")
                    .contains(":****@").contains("/" + database.database()).doesNotContain("s3cret-pw");
            assertThat(r.err()).doesNotContain("s3cret-pw");
            Cli.Result json = cli.run(append(command, "--json"));
            assertThat(json(json).get("target").asText()).as(json.out()).contains(":****@").doesNotContain("s3cret");
            assertThat(json(json).get("ok").asBoolean()).isTrue();
        }
    }

    private static String[] append(String[] args, String extra) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = extra;
        return all;
    }

    @Test
    void aSubdirectoryOfAProjectIsNotQuietlySimpleMode() throws Exception {
        file("pgdbm.toml", "[environments.dev]\nurl = \"${APP_URL}\"\n");
        file("sub/migrations/001_t.sql", "CREATE TABLE {{tables.t}} (id int);");
        Cli sub = new Cli(dir.resolve("sub")).env("DATABASE_URL", database.toUrl()).env("APP_URL", database.toUrl());

        Cli.Result refused = sub.run("migrate", "apply");
        Cli.Result simple = sub.run("--no-config", "migrate", "apply");
        Cli.Result parent = sub.run("-c", "../pgdbm.toml", "db", "test-connection");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.CONFIG);
        assertThat(refused.err()).contains(dir.resolve("pgdbm.toml").toString()).contains("--config ../pgdbm.toml")
                .contains("--no-config");
        assertThat(simple.exitCode()).as(simple.toString()).isZero();
        assertThat(simple.out()).contains("✓ public: 001_t.sql");
        assertThat(parent.exitCode()).as(parent.toString()).isZero();
    }

    @Test
    void failuresPrintOneJsonObjectWithErrorAndExitCode() throws Exception {
        Cli.Result config = new Cli(dir).run("migrate", "status", "--json");
        JsonNode doc = json(config);
        assertThat(config.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(doc.get("ok").asBoolean()).isFalse();
        assertThat(doc.get("exitCode").asInt()).isEqualTo(ExitCodes.CONFIG);
        assertThat(doc.get("error").asText()).contains("DATABASE_URL is not set");

        Cli.Result usage = new Cli(dir).run("migrate", "status", "--json", "--no-such-option");
        assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(json(usage).get("exitCode").asInt()).isEqualTo(ExitCodes.USAGE);

        Cli.Result connection = new Cli(dir).env("DATABASE_URL", UNREACHABLE).run("--json", "db", "info");
        assertThat(connection.exitCode()).isEqualTo(ExitCodes.CONNECTION);
        assertThat(json(connection).get("target").asText()).contains("127.0.0.1:1/none");
        assertThat(json(connection).get("error").asText()).isNotEmpty();
    }

    @Test
    void fileWritersReportJsonToo() throws Exception {
        Cli.Result library = new Cli(dir).run("generate", "library", "billing", "--json");
        Cli.Result config = new Cli(dir).run("--json", "generate", "config", "-n", "shop");

        assertThat(json(library).get("directory").asText()).isEqualTo(dir.resolve("billing").toString());
        assertThat(json(library).get("moduleName").asText()).isEqualTo("billing_billing");
        assertThat(json(config).get("file").asText()).isEqualTo(dir.resolve("pgdbm.toml").toString());
        assertThat(json(config).get("ok").asBoolean()).isTrue();
    }

    @Test
    void invalidNamesAreUsageErrors() throws Exception {
        file("migrations/.keep", "");
        Cli cli = new Cli(dir).env("DATABASE_URL", database.toUrl());

        assertThat(cli.run("migrate", "create", "add orders!").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("schema", "create", "-n", "no-dashes").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("generate", "config", "-n", "my shop").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("generate", "library", "My-Lib").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("migrate", "nope").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void pythonCliFlagsAreAccepted() throws Exception {
        file("migrations/001_t.sql", "CREATE TABLE {{tables.t}} (id int);");
        Cli cli = new Cli(dir).env("DATABASE_URL", database.toUrl());

        Cli.Result create = cli.run("db", "create", "--confirm");
        Cli.Result status = cli.run("migrate", "status", "--all-modules");

        assertThat(create.exitCode()).as(create.toString()).isZero();
        assertThat(create.out()).contains("already exists");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("pending: 1");
    }

    @Test
    void quietKeepsResultsAndDropsProgress() throws Exception {
        file("migrations/001_t.sql", "CREATE TABLE {{tables.t}} (id int);");
        Cli.Result r = new Cli(dir).env("DATABASE_URL", database.toUrl()).run("-q", "migrate", "apply");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("Target:").doesNotContain("✓ public: 001_t.sql")
                .contains("✓ Applied 1 migration(s)");
        assertThat(r.err()).isEmpty();
    }
}
