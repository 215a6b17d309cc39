package io.pgdbm.cli;

import java.util.List;

/**
 * One {@code [modules.<name>]} table: a module's migrations and the schema they run in.
 *
 * <pre>{@code
 * [modules.billing]
 * migrations_path = "billing/src/main/resources/db/migrations/billing"   # or "classpath:db/migrations/billing"
 * schema = "billing"
 * depends_on = ["users"]
 * }</pre>
 *
 * @param name           the module's key, also its name in the migration history
 * @param migrationsPath the location as written ({@code classpath:...} or a path relative to pgdbm.toml)
 * @param schema         the module's schema, or {@code null} for the environment's
 * @param mode           {@code standalone}, {@code library} or {@code dual} (informational)
 * @param dependsOn      modules whose migrations must run first
 */
record ModuleConfig(String name, String migrationsPath, String schema, String mode, List<String> dependsOn) {

    ModuleConfig {
        dependsOn = List.copyOf(dependsOn);
    }
}
