package io.pgdbm.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, expanded and validated {@code pgdbm.toml}. Modules keep their declaration order.
 *
 * <pre>{@code
 * ProjectConfig config = ConfigLoader.load(Path.of("pgdbm.toml"), System::getenv);
 * config.environment("dev").map(EnvironmentConfig::schema);
 * }</pre>
 *
 * @param file            the file it was read from
 * @param name            {@code [project].name}, or {@code null}
 * @param defaultEnv      {@code [project].default_env}, or {@code null}
 * @param selectedEnv     the environment whose values were expanded ({@code --env}, else {@code default_env}, else
 *                        {@code dev}); the others keep only their name and schema
 * @param migrationsTable {@code [database].migrations_table} (default {@code schema_migrations})
 * @param environments    {@code [environments.<name>]}
 * @param modules         {@code [modules.<name>]} in declaration order
 * @param sharedPool      {@code [shared_pool]}, or {@code null}
 * @param warnings        what was accepted but looks wrong (unknown keys), to print once
 */
record ProjectConfig(Path file, String name, String defaultEnv, String selectedEnv, String migrationsTable,
                     Map<String, EnvironmentConfig> environments, Map<String, ModuleConfig> modules,
                     SharedPoolConfig sharedPool, List<String> warnings) {

    static final String DEFAULT_MIGRATIONS_TABLE = "schema_migrations";

    ProjectConfig {
        environments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environments));
        modules = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(modules));
        warnings = List.copyOf(warnings);
    }

    /** The directory relative paths in the file are resolved against. */
    Path baseDirectory() {
        return file.toAbsolutePath().getParent();
    }

    Optional<EnvironmentConfig> environment(String name) {
        return Optional.ofNullable(environments.get(name));
    }

    Optional<SharedPoolConfig> sharedPoolConfig() {
        return Optional.ofNullable(sharedPool);
    }
}
