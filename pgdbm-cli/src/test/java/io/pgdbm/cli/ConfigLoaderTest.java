package io.pgdbm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.migration.Module;
import io.pgdbm.migration.ModuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Path FILE = Path.of("/project/pgdbm.toml");

    @TempDir
    Path dir;

    private static ProjectConfig parse(String toml, Map<String, String> env) {
        return ConfigLoader.parse(toml, FILE, env::get);
    }

    private static ProjectConfig parse(String toml, Map<String, String> env, String environment) {
        return ConfigLoader.parse(toml, FILE, env::get, environment);
    }

    @Test
    void expandsVariablesWithDefaultsInEveryString() {
        ProjectConfig config = parse("""
                [environments.prod]
                url = "postgresql://app:${DB_PASS}@${DB_HOST:-localhost}:5432/shop"
                schema = "${SCHEMA:-app}"
                [modules.users]
                migrations_path = "${BASE}/users"
                depends_on = []
                """, Map.of("DB_PASS", "s3cret", "BASE", "mods"), "prod");

        assertThat(config.environment("prod").orElseThrow().url()).isEqualTo("postgresql://app:s3cret@localhost:5432/shop");
        assertThat(config.environment("prod").orElseThrow().schema()).isEqualTo("app");
        assertThat(config.modules().get("users").migrationsPath()).isEqualTo("mods/users");
    }

    @Test
    void unsetVariableIsAConfigErrorNamingVariableAndKey() {
        assertThatThrownBy(() -> parse("[environments.prod]\nurl = \"${DATABASE_URL}\"\n", Map.of(), "prod"))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("DATABASE_URL is not set")
                .hasMessageContaining("environments.prod.url")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCodes.CONFIG));
    }

    @Test
    void onlyTheSelectedEnvironmentsVariablesAreExpanded() {
        String toml = """
                [project]
                default_env = "dev"
                [environments.dev]
                url = "postgresql://localhost/shop_dev"
                [environments.prod]
                url = "${DATABASE_URL}"
                schema = "${PROD_SCHEMA:-shop}"
                """;

        ProjectConfig dev = parse(toml, Map.of());

        assertThat(dev.selectedEnv()).isEqualTo("dev");
        assertThat(dev.environment("dev").orElseThrow().url()).isEqualTo("postgresql://localhost/shop_dev");
        assertThat(dev.environment("prod").orElseThrow().schema()).isEqualTo("shop"); // kept for schema clean
        assertThatThrownBy(() -> parse(toml, Map.of(), "prod")).hasMessageContaining("DATABASE_URL is not set");
        assertThatThrownBy(() -> parse("[environments.prod]\nuser = \"x\"\n", Map.of()))
                .hasMessageContaining("[environments.prod] needs url");
    }

    @Test
    void moduleNameIsTheHistoryNameAndDefaultsToTheKey() {
        ProjectConfig config = parse("""
                [modules.service1]
                migrations_path = "m"
                schema = "service1"
                module_name = "my_service_service1"
                [modules.users]
                migrations_path = "u"
                """, Map.of());
        assertThat(config.modules().get("service1").historyName()).isEqualTo("my_service_service1");
        assertThat(config.modules().get("users").historyName()).isEqualTo("users");
        assertThatThrownBy(() -> parse("[modules.a]\nmigrations_path = \"a\"\nmodule_name = \"" + "x".repeat(101) + "\"\n",
                Map.of())).hasMessageContaining("module_name must be at most 100 characters");
    }

    @Test
    void dollarDollarIsALiteralDollar() {
        ProjectConfig config = parse("[environments.dev]\nurl = \"postgresql://u:pa$$word@h/db\"\n", Map.of());
        assertThat(config.environment("dev").orElseThrow().url()).isEqualTo("postgresql://u:pa$word@h/db");
    }

    @Test
    void unknownKeysBecomeWarningsNamingThem() {
        ProjectConfig config = parse("""
                [project]
                name = "x"
                colour = "blue"
                [environments.dev]
                url = "postgresql://localhost/x"
                shema = "typo"
                """, Map.of());

        assertThat(config.warnings()).anySatisfy(w -> assertThat(w).contains("project.colour"))
                .anySatisfy(w -> assertThat(w).contains("environments.dev.shema"));
    }

    @Test
    void parseErrorNamesLineAndColumn() {
        assertThatThrownBy(() -> parse("[project]\nname = \"x\"\nbroken = = 1\n", Map.of()))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("pgdbm.toml:3:")
                .hasMessageContaining("not valid TOML");
    }

    @Test
    void keepsModulesInDeclarationOrderAndChecksDependencies() {
        ProjectConfig config = parse("""
                [modules.zeta]
                migrations_path = "z"
                [modules.alpha]
                migrations_path = "a"
                depends_on = ["zeta"]
                """, Map.of());
        assertThat(config.modules().keySet()).containsExactly("zeta", "alpha");

        assertThatThrownBy(() -> parse("[modules.a]\nmigrations_path = \"a\"\ndepends_on = [\"nope\"]\n", Map.of()))
                .hasMessageContaining("'nope', which is not a module");
    }

    @Test
    void cycleIsReportedWithItsPath() {
        ProjectConfig config = parse("""
                [modules.a]
                migrations_path = "a"
                depends_on = ["b"]
                [modules.b]
                migrations_path = "b"
                depends_on = ["c"]
                [modules.c]
                migrations_path = "c"
                depends_on = ["a"]
                """, Map.of());
        assertThatThrownBy(() -> ModuleSet.of(config.modules().values().stream()
                .map(m -> new Module(m.name(), List.of(), null, m.dependsOn())).toList()))
                .hasMessageContaining("a -> b -> c -> a");
    }

    @Test
    void explicitConfigThatDoesNotExistIsAnErrorNotSimpleMode() {
        Cli.Result r = new Cli(dir).env("DATABASE_URL", "postgresql://localhost/x").run("-c", "missing.toml", "migrate", "status");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("missing.toml does not exist");
    }

    @Test
    void cycleExitsWithConfigErrorBeforeConnecting() throws Exception {
        Files.writeString(dir.resolve("pgdbm.toml"), """
                [environments.dev]
                url = "postgresql://nobody@127.0.0.1:1/none"
                [modules.a]
                migrations_path = "a"
                depends_on = ["b"]
                [modules.b]
                migrations_path = "b"
                depends_on = ["a"]
                """);
        Cli.Result r = new Cli(dir).run("migrate", "apply", "--all");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("Circular module dependency: a -> b -> a");
    }

    @Test
    void versionAndHelpWork() {
        Cli.Result version = new Cli(dir).run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).contains("pgdbm 0.1.0-SNAPSHOT");
        Cli.Result help = new Cli(dir).run("migrate", "apply", "--help");
        assertThat(help.out()).contains("--dry-run").contains("Exit codes:");
    }
}
