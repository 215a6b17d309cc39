package io.pgdbm.cli;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.SharedPool;
import io.pgdbm.SslMode;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.Module;
import io.pgdbm.migration.ModuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What one command works on: the loaded {@code pgdbm.toml} (or simple mode without one), the chosen environment,
 * and its modules in dependency order. Opens the one pool a command uses.
 *
 * <p>Simple mode (no config file): {@code DATABASE_URL} is the environment and {@code ./migrations} the only
 * module, recorded under the schema's name ({@code public}) as the original does. A config without modules gets
 * the same implicit module, {@code migrations/} next to the file.
 *
 * <pre>{@code
 * Project project = Project.load(null, null, CliEnvironment.system());
 * try (SharedPool pool = project.openPool()) {
 *     for (ModuleConfig m : project.modulesInOrder()) { ... project.migrationManager(pool, m) ... }
 * }
 * }</pre>
 */
final class Project {
    private static final String CONFIG_FILE = "pgdbm.toml";
    private static final String SIMPLE_MIGRATIONS = "migrations";

    private final ProjectConfig config; // null in simple mode
    private final String environmentName;
    private final CliEnvironment env;
    private final String urlOverride; // migrate verify, dev start --server: same modules, another database

    private Project(ProjectConfig config, String environmentName, CliEnvironment env, String urlOverride) {
        this.config = config;
        this.environmentName = environmentName;
        this.env = env;
        this.urlOverride = urlOverride;
    }

    /** The same project and environment schema, connected to {@code url} instead. */
    Project withDatabaseUrl(String url) {
        return new Project(config, environmentName, env, url);
    }

    /**
     * @param configOption {@code --config}, or {@code null}
     * @param envOption    {@code --env}, or {@code null}
     */
    static Project load(Path configOption, String envOption, CliEnvironment env) {
        Path file = configFile(configOption, env);
        ProjectConfig config = file == null ? null : ConfigLoader.load(file, env::variable);
        String name = envOption != null ? envOption : env.variable("PGDBM_ENV");
        if (name == null) {
            name = config != null && config.defaultEnv() != null ? config.defaultEnv() : "dev";
        }
        return new Project(config, name, env, null);
    }

    /** {@code --config}, else {@code PGDBM_CONFIG}, else {@code ./pgdbm.toml} when it exists; an explicit path must exist. */
    private static Path configFile(Path option, CliEnvironment env) {
        if (option != null) {
            return env.workingDirectory().resolve(option);
        }
        String fromEnv = env.variable("PGDBM_CONFIG");
        if (fromEnv != null) {
            return env.workingDirectory().resolve(fromEnv);
        }
        Path local = env.workingDirectory().resolve(CONFIG_FILE);
        return Files.isRegularFile(local) ? local : null;
    }

    Optional<ProjectConfig> config() {
        return Optional.ofNullable(config);
    }

    boolean simpleMode() {
        return config == null;
    }

    List<String> warnings() {
        return config == null ? List.of() : config.warnings();
    }

    String environmentName() {
        return environmentName;
    }

    CliEnvironment cliEnvironment() {
        return env;
    }

    /** Relative paths of the config resolve here; in simple mode the working directory. */
    Path baseDirectory() {
        return config != null ? config.baseDirectory() : env.workingDirectory();
    }

    String migrationsTable() {
        return config != null ? config.migrationsTable() : ProjectConfig.DEFAULT_MIGRATIONS_TABLE;
    }

    /** The chosen environment; a config error when it is not configured (or {@code DATABASE_URL} is unset). */
    EnvironmentConfig environment() {
        if (urlOverride != null) {
            // the schema of modules without one still comes from the environment, when there is one
            String schema = findEnvironment().map(EnvironmentConfig::schema).orElse(EnvironmentConfig.DEFAULT_SCHEMA);
            EnvironmentConfig e = EnvironmentConfig.ofUrl(environmentName, urlOverride);
            return new EnvironmentConfig(e.name(), e.url(), null, null, null, null, null, schema, null, null, null, null);
        }
        return findEnvironment().orElseThrow(() -> CliException.config(config == null
                ? "No pgdbm.toml here and DATABASE_URL is not set: set DATABASE_URL (simple mode) or pass --config"
                : config.environments().isEmpty()
                ? config.file() + " has no [environments." + environmentName + "] and DATABASE_URL is not set"
                : "No environment '" + environmentName + "' in " + config.file() + "; configured: "
                + String.join(", ", config.environments().keySet()) + " (choose one with --env or PGDBM_ENV)"));
    }

    private Optional<EnvironmentConfig> findEnvironment() {
        if (config != null && !config.environments().isEmpty()) {
            return config.environment(environmentName);
        }
        String url = env.variable("DATABASE_URL");
        return url == null ? Optional.empty() : Optional.of(EnvironmentConfig.ofUrl(environmentName, url));
    }

    /** The environment's connection settings without a schema, sized by {@code [shared_pool]} (else 0..4). */
    DatabaseConfig databaseConfig() {
        EnvironmentConfig e = environment();
        DatabaseConfig.Builder b = e.url() != null ? DatabaseConfig.fromUrl(e.url()).toBuilder() : DatabaseConfig.builder();
        if (e.url() == null) {
            b.host(e.host()).database(e.database());
        }
        if (e.port() != null) {
            b.port(e.port());
        }
        if (e.user() != null) {
            b.user(e.user());
        }
        if (e.password() != null) {
            b.password(e.password());
        }
        if (e.sslMode() != null) {
            b.sslMode(sslMode(e.sslMode()));
        }
        if (e.sslCaFile() != null) {
            b.sslCaFile(baseDirectory().resolve(e.sslCaFile()));
        }
        if (e.sslCertFile() != null) {
            b.sslCertFile(baseDirectory().resolve(e.sslCertFile()));
        }
        if (e.sslKeyFile() != null) {
            b.sslKeyFile(baseDirectory().resolve(e.sslKeyFile()));
        }
        SharedPoolConfig pool = config != null ? config.sharedPool() : null;
        return b.schema(null)
                .minConnections(pool != null ? pool.minConnections() : 0)
                .maxConnections(pool != null ? pool.maxConnections() : 4)
                .statementTimeout(null) // long migrations and dumps are the point of a CLI
                .retryAttempts(1)
                .applicationName("pgdbm_cli")
                .build();
    }

    private static SslMode sslMode(String value) {
        return switch (value) {
            case "disable" -> SslMode.DISABLE;
            case "allow", "prefer" -> SslMode.PREFER;
            case "require" -> SslMode.REQUIRE;
            case "verify-ca" -> SslMode.VERIFY_CA;
            default -> SslMode.VERIFY_FULL;
        };
    }

    /** The one pool of a command; every module's manager borrows it. */
    SharedPool openPool() {
        return SharedPool.create(databaseConfig());
    }

    /** Configured modules in declaration order, or the implicit {@code migrations/} module. */
    Map<String, ModuleConfig> modules() {
        if (config != null && !config.modules().isEmpty()) {
            return config.modules();
        }
        String schema = environment().schema();
        return Map.of(schema, new ModuleConfig(schema, SIMPLE_MIGRATIONS, schema, "standalone", List.of()));
    }

    boolean hasConfiguredModules() {
        return config != null && !config.modules().isEmpty();
    }

    /** All modules in dependency order; a config error (with its path) for a cycle. */
    List<ModuleConfig> modulesInOrder() {
        Map<String, ModuleConfig> modules = modules();
        return order(modules).names().stream().map(modules::get).toList();
    }

    /** {@code name} and what it depends on, in dependency order; a config error for an unknown module. */
    List<ModuleConfig> moduleWithDependencies(String name) {
        Map<String, ModuleConfig> modules = modules();
        module(name);
        return order(modules).withDependencies(name).names().stream().map(modules::get).toList();
    }

    /** The dependency graph alone: ordering needs neither locations nor the environment. */
    private static ModuleSet order(Map<String, ModuleConfig> modules) {
        return ModuleSet.of(modules.values().stream().map(m -> new Module(m.name(), List.of(), null, m.dependsOn())).toList());
    }

    /**
     * {@code modules} (in dependency order, with their dependencies) over {@code pool}: each with its location, in its
     * schema, the configured history table; {@code options} adds settings (target, out-of-order) per module.
     */
    ModuleSet.Runner moduleRunner(SharedPool pool, List<ModuleConfig> modules,
                                  BiConsumer<Module, MigrationManager.Builder> options) {
        List<String> names = modules.stream().map(ModuleConfig::name).toList();
        ModuleSet set = ModuleSet.of(modules.stream().map(m -> coreModule(m, names)).toList());
        return set.on(pool).configure((m, b) -> {
            b.migrationsTable(migrationsTable());
            options.accept(m, b);
        });
    }

    ModuleConfig module(String name) {
        ModuleConfig m = modules().get(name);
        if (m == null) {
            throw CliException.config("No module '" + name + "'; configured modules: " + String.join(", ", modules().keySet()));
        }
        return m;
    }

    /** The module's schema, else the environment's. */
    String schemaOf(ModuleConfig module) {
        return module.schema() != null ? module.schema() : environment().schema();
    }

    /** {@code classpath:...} as written, else the path resolved against the config's directory. */
    String location(ModuleConfig module) {
        String path = module.migrationsPath();
        if (path.startsWith("classpath:")) {
            return path;
        }
        return baseDirectory().resolve(path).normalize().toString();
    }

    /** A config error when a module's filesystem location is missing (the original skipped such modules). */
    void requireLocation(ModuleConfig module) {
        String location = location(module);
        if (!location.startsWith("classpath:") && !Files.isDirectory(Path.of(location))) {
            throw CliException.config("Migrations directory of module '" + module.name() + "' not found: " + location
                    + (hasConfiguredModules() ? "; fix modules." + module.name() + ".migrations_path"
                    : "; create it, or use a pgdbm.toml with modules"));
        }
    }

    MigrationManager migrationManager(SharedPool pool, ModuleConfig module) {
        return moduleRunner(pool, List.of(module), (m, b) -> { }).manager(coreModule(module, List.of()), location(module));
    }

    /** The module as core sees it: its location, its schema, its dependencies among {@code present}. */
    private Module coreModule(ModuleConfig m, List<String> present) {
        return new Module(m.name(), List.of(location(m)), schemaOf(m), m.dependsOn().stream().filter(present::contains).toList());
    }

    /** Every schema a module or environment names: never dropped by {@code schema clean}. */
    List<String> protectedSchemas() {
        List<String> schemas = new ArrayList<>();
        if (config != null) {
            config.environments().values().forEach(e -> schemas.add(e.schema()));
        }
        Map<String, ModuleConfig> modules = new LinkedHashMap<>(config != null ? config.modules() : Map.of());
        modules.values().forEach(m -> {
            if (m.schema() != null) {
                schemas.add(m.schema());
            }
        });
        schemas.add("public");
        return schemas.stream().distinct().toList();
    }
}
