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
 * <p>Where the connection comes from, strongest first: {@code --url}/{@code --user}/{@code --password}, then
 * {@code DATABASE_URL}/{@code PGDBM_USER}/{@code PGDBM_PASSWORD}, then the environment's table in pgdbm.toml.
 *
 * <pre>{@code
 * Project project = Project.load(null, null, ConnectionOptions.NONE, false, CliEnvironment.system());
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
    private final ConnectionOptions connection; // flags and environment variables over the file
    private final String urlOverride; // migrate verify, dev start --server: same modules, another database

    private Project(ProjectConfig config, String environmentName, CliEnvironment env, ConnectionOptions connection,
                    String urlOverride) {
        this.config = config;
        this.environmentName = environmentName;
        this.env = env;
        this.connection = connection;
        this.urlOverride = urlOverride;
    }

    /** The same project and environment schema, connected to {@code url} instead. */
    Project withDatabaseUrl(String url) {
        return new Project(config, environmentName, env, ConnectionOptions.NONE, url);
    }

    /**
     * @param configOption {@code --config}, or {@code null}
     * @param envOption    {@code --env}, or {@code null}
     * @param flags        {@code --url}, {@code --user}, {@code --password}
     * @param noConfig     {@code --no-config}: simple mode even where a pgdbm.toml exists
     */
    static Project load(Path configOption, String envOption, ConnectionOptions flags, boolean noConfig,
                        CliEnvironment env) {
        String requested = envOption != null ? envOption : env.variable("PGDBM_ENV");
        Path file = noConfig ? null : configFile(configOption, env);
        ProjectConfig config = file == null ? null : ConfigLoader.load(file, env::variable, requested);
        String name = config != null ? config.selectedEnv() : requested != null ? requested : "dev";
        ConnectionOptions connection = flags.orElse(new ConnectionOptions(env.variable("DATABASE_URL"),
                env.variable("PGDBM_USER"), env.variable("PGDBM_PASSWORD"), "environment variable"));
        return new Project(config, name, env, connection, null);
    }

    /**
     * {@code --config}, else {@code PGDBM_CONFIG}, else {@code ./pgdbm.toml} when it exists; an explicit path must
     * exist. Without any, a pgdbm.toml in a parent directory (up to the repository's root) is an error: running in a
     * project's subdirectory must not quietly fall back to simple mode (and to whatever {@code DATABASE_URL} names).
     */
    private static Path configFile(Path option, CliEnvironment env) {
        if (option != null) {
            return env.workingDirectory().resolve(option);
        }
        String fromEnv = env.variable("PGDBM_CONFIG");
        if (fromEnv != null) {
            return env.workingDirectory().resolve(fromEnv);
        }
        Path local = env.workingDirectory().resolve(CONFIG_FILE);
        if (Files.isRegularFile(local)) {
            return local;
        }
        if (Files.exists(env.workingDirectory().resolve(".git"))) {
            return null; // a repository's root is a project of its own
        }
        for (Path dir = env.workingDirectory().getParent(); dir != null; dir = dir.getParent()) {
            Path above = dir.resolve(CONFIG_FILE);
            if (Files.isRegularFile(above)) {
                throw CliException.config("No pgdbm.toml in " + env.workingDirectory() + ", but " + above + " exists: run"
                        + " pgdbm in " + dir + ", or pass --config " + env.workingDirectory().relativize(above)
                        + "; for simple mode here (DATABASE_URL and ./migrations) pass --no-config");
            }
            if (Files.exists(dir.resolve(".git"))) {
                break; // the search ends at the repository's root, as git's own does
            }
        }
        return null;
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

    /**
     * The chosen environment; a URL from {@code --url} or {@code DATABASE_URL} replaces its connection settings (its
     * schema stays). A config error when there is neither the environment nor a URL.
     */
    EnvironmentConfig environment() {
        String url = urlOverride != null ? urlOverride : connection.url();
        Optional<EnvironmentConfig> configured = config == null ? Optional.empty() : config.environment(environmentName);
        if (url != null) {
            // the schema of modules without one still comes from the environment, when there is one
            String schema = configured.map(EnvironmentConfig::schema).orElse(EnvironmentConfig.DEFAULT_SCHEMA);
            return EnvironmentConfig.ofUrl(environmentName, url, schema);
        }
        return configured.orElseThrow(() -> CliException.config(config == null
                ? "No pgdbm.toml here and DATABASE_URL is not set: set DATABASE_URL or pass --url (simple mode), or "
                + "pass --config"
                : config.environments().isEmpty()
                ? config.file() + " has no [environments." + environmentName + "]; add one, or set DATABASE_URL or --url"
                : "No environment '" + environmentName + "' in " + config.file() + "; configured: "
                + String.join(", ", config.environments().keySet()) + " (choose one with --env or PGDBM_ENV)"));
    }

    /**
     * A warning when {@code DATABASE_URL} replaces the connection of a configured environment, which the user may
     * have meant to use (a flag is explicit and needs none); empty otherwise.
     */
    Optional<String> overrideWarning() {
        if (urlOverride != null || connection.url() == null || connection.source().equals("flag") || config == null
                || config.environment(environmentName).isEmpty()
                || connection.url().equals(config.environment(environmentName).orElseThrow().url())) {
            return Optional.empty(); // url = "${DATABASE_URL}" in the file says the same
        }
        return Optional.of("DATABASE_URL replaces the connection of [environments." + environmentName + "] in "
                + config.file().getFileName() + "; unset DATABASE_URL to use the file's, or pass --url to be explicit");
    }

    /** Where the connection comes from, for the target line: {@code --url}, {@code DATABASE_URL} or the file. */
    String connectionSource() {
        if (urlOverride != null) {
            return "throwaway database";
        }
        if (connection.url() != null) {
            return connection.source().equals("flag") ? "--url" : "DATABASE_URL";
        }
        return config == null ? "DATABASE_URL" : "environments." + environmentName + " of " + config.file().getFileName();
    }

    /**
     * The environment's connection settings without a schema. The pool is the CLI's own, one or two connections:
     * {@code [shared_pool]} sizes the application's pool, not this one.
     */
    DatabaseConfig databaseConfig() {
        EnvironmentConfig e = environment();
        DatabaseConfig.Builder b = e.url() != null ? DatabaseConfig.fromUrl(e.url()).toBuilder() : DatabaseConfig.builder();
        if (e.url() == null) {
            b.host(e.host()).database(e.database());
        }
        if (e.port() != null) {
            b.port(e.port());
        }
        String user = urlOverride == null && connection.user() != null ? connection.user() : e.user();
        if (user != null) {
            b.user(user);
        }
        String password = urlOverride == null && connection.password() != null ? connection.password() : e.password();
        if (password != null) {
            b.password(password);
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
        return b.schema(null)
                .minConnections(1)
                .maxConnections(2) // one for the migration lock's session, one to read while it is held
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
        return Map.of(schema, new ModuleConfig(schema, SIMPLE_MIGRATIONS, schema, null, "standalone", List.of()));
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
     * {@code modules} (in dependency order, with their dependencies) over {@code pool}: each named by its history name,
     * with its location, in its schema, the configured history table, applying and committing file by file (each
     * file's progress line as soon as it is done); {@code options} adds settings (target, out-of-order, a listener)
     * per module.
     */
    ModuleSet.Runner moduleRunner(SharedPool pool, List<ModuleConfig> modules,
                                  BiConsumer<Module, MigrationManager.Builder> options) {
        Map<String, String> names = new LinkedHashMap<>();
        modules.forEach(m -> names.put(m.name(), m.historyName()));
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

    /**
     * A config error when a module's location is missing (the original skipped such modules): a directory that does
     * not exist, or a {@code classpath:} directory that is not on this command's class path.
     */
    void requireLocation(ModuleConfig module) {
        String location = location(module);
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
            ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : Project.class.getClassLoader();
            if (loader.getResource(resource) == null) {
                throw CliException.config("Migrations of module '" + module.name() + "' not found: " + location
                        + " is not on the pgdbm command's class path. Point modules." + module.name() + ".migrations_path"
                        + " at the source directory (e.g. \"src/main/resources/" + resource + "\"), or add the jar or "
                        + "directory that holds it with PGDBM_CLASSPATH=path/to/library.jar (bin/pgdbm passes it on)");
            }
            return;
        }
        if (!Files.isDirectory(Path.of(location))) {
            throw CliException.config("Migrations directory of module '" + module.name() + "' not found: " + location
                    + (hasConfiguredModules() ? "; fix modules." + module.name() + ".migrations_path"
                    : "; create it, or use a pgdbm.toml with modules"));
        }
    }

    MigrationManager migrationManager(SharedPool pool, ModuleConfig module) {
        return moduleRunner(pool, List.of(module), (m, b) -> { }).manager(coreModule(module, Map.of()), location(module));
    }

    /**
     * The module as core sees it: named by its history name ({@code module_name}, else its key), with its location,
     * its schema and its dependencies among {@code present} (key to history name).
     */
    private Module coreModule(ModuleConfig m, Map<String, String> present) {
        return new Module(m.historyName(), List.of(location(m)), schemaOf(m),
                m.dependsOn().stream().filter(present::containsKey).map(present::get).toList());
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
