package io.pgdbm.migration;

import io.pgdbm.internal.Identifiers;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One module of an application: its name (the history's {@code module_name}), where its migration files are, the
 * schema it lives in and the modules whose migrations must run before its own. Modules are composed with
 * {@link ModuleSet}.
 *
 * <pre>{@code
 * Module users = Module.of("users", "classpath:db/migrations/users").withSchema("users");
 * Module orders = Module.of("orders", "classpath:db/migrations/orders").withSchema("orders").withDependsOn("users");
 * ModuleSet.of(orders, users).migrate(pool);   // users first, each into its own schema
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name      the module name: at most 100 characters, no control characters
 * @param locations where its files are (a directory or {@code classpath:dir}), applied in this order under the
 *                  one module name; usually one, none for a module that only needs its schema
 * @param schema    the schema its manager works in, or {@code null} for none ({@code public} on a shared pool)
 * @param dependsOn names of the modules that must be migrated first
 */
public record Module(String name, List<String> locations, String schema, List<String> dependsOn) {

    /**
     * @throws io.pgdbm.ConfigurationException for an invalid name, or a module depending on itself
     * @throws io.pgdbm.SchemaException        for an invalid schema name
     */
    public Module {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw new io.pgdbm.ConfigurationException("name", "Invalid module name '"
                    + name.replaceAll("\\p{Cntrl}", "?") + "': 1 to 100 characters (the history column is "
                    + "VARCHAR(100)) and no control characters");
        }
        locations = List.copyOf(locations);
        dependsOn = List.copyOf(dependsOn);
        if (schema != null && schema.isEmpty()) {
            schema = null;
        }
        if (schema != null) {
            Identifiers.require(schema, "schema");
        }
        if (dependsOn.contains(name)) {
            throw new io.pgdbm.ConfigurationException("dependsOn", "Module '" + name + "' depends on itself (cycle: "
                    + name + " -> " + name + "); remove it from its own dependencies");
        }
    }

    /** A module without schema and dependencies; give them with {@link #withSchema} and {@link #withDependsOn}. */
    public static Module of(String name, String... locations) {
        return new Module(name, Arrays.asList(locations), null, List.of());
    }

    /** This module in {@code schema} ({@code null}: none). */
    public Module withSchema(String schema) {
        return new Module(name, locations, schema, dependsOn);
    }

    /** This module, migrated after {@code modules} (replacing earlier dependencies). */
    public Module withDependsOn(String... modules) {
        return new Module(name, locations, schema, Arrays.asList(modules));
    }
}
