package io.pgdbm.cli;

import java.util.List;

/**
 * One {@code [modules.<name>]} table: a module's migrations and the schema they run in.
 *
 * <pre>{@code
 * [modules.billing]
 * migrations_path = "billing/src/main/resources/db/migrations/billing"   # or "classpath:db/migrations/billing"
 * schema = "billing"
 * module_name = "billing_billing"   # optional: the name in the migration history (default: the key)
 * depends_on = ["users"]
 * }</pre>
 *
 * @param name           the module's key, also its name in the migration history
 * @param migrationsPath the location as written ({@code classpath:...} or a path relative to pgdbm.toml)
 * @param schema         the module's schema, or {@code null} for the environment's
 * @param moduleName     {@code module_name}: its name in the migration history, or {@code null} for {@code name}
 * @param mode           {@code standalone}, {@code library} or {@code dual} (informational)
 * @param dependsOn      modules whose migrations must run first
 */
record ModuleConfig(String name, String migrationsPath, String schema, String moduleName, String mode,
                    List<String> dependsOn) {

    ModuleConfig {
        dependsOn = List.copyOf(dependsOn);
    }

    /** The name its files are recorded under in the history table, and its advisory lock's key. */
    String historyName() {
        return moduleName != null ? moduleName : name;
    }
}
