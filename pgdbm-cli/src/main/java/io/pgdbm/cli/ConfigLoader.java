package io.pgdbm.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.pgdbm.internal.Identifiers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code pgdbm.toml} into a {@link ProjectConfig}: parses with Jackson's TOML parser, warns about unknown keys,
 * expands {@code ${VAR}} in every string, and validates types, names and module dependencies. Every problem is a
 * {@link CliException} with exit code {@link ExitCodes#CONFIG}; nothing is silently ignored.
 *
 * <p>Only the selected environment's values are expanded: {@code [environments.prod] url = "${DATABASE_URL}"} does
 * not stop a command on {@code dev} when {@code DATABASE_URL} is unset. The other environments are checked for their
 * shape and keep only their name and schema.
 *
 * <pre>{@code
 * ProjectConfig config = ConfigLoader.load(Path.of("pgdbm.toml"), System::getenv, "test");
 * }</pre>
 */
final class ConfigLoader {
    private static final Set<String> TOP = Set.of("project", "database", "environments", "modules", "shared_pool");
    private static final Set<String> PROJECT = Set.of("name", "default_env");
    private static final Set<String> DATABASE = Set.of("migrations_table");
    private static final Set<String> ENVIRONMENT = Set.of("url", "connection_string", "host", "port", "database",
            "user", "password", "schema", "ssl_enabled", "ssl_mode", "ssl_ca_file", "ssl_cert_file", "ssl_key_file");
    private static final Set<String> MODULE = Set.of("migrations_path", "schema", "module_name", "mode", "depends_on");
    private static final Set<String> SHARED_POOL = Set.of("min_connections", "max_connections", "modules");
    private static final Set<String> MODES = Set.of("standalone", "library", "dual");
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private final Path file;
    private final VariableExpander expander;
    private final List<String> warnings = new ArrayList<>();
    private final String requestedEnvironment;

    private ConfigLoader(Path file, Function<String, String> variables, String requestedEnvironment) {
        this.file = file;
        this.expander = new VariableExpander(variables);
        this.requestedEnvironment = requestedEnvironment;
    }

    /** {@link #load(Path, Function, String)} for the file's {@code default_env} (else {@code dev}). */
    static ProjectConfig load(Path file, Function<String, String> variables) {
        return load(file, variables, null);
    }

    /**
     * Reads and validates {@code file}; a missing file is an error too (the caller decides when to look).
     *
     * @param environment the environment to expand ({@code --env}/{@code PGDBM_ENV}); {@code null} for the file's
     *                    {@code [project].default_env}, else {@code dev}
     */
    static ProjectConfig load(Path file, Function<String, String> variables, String environment) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliException.config("Config file " + file + " does not exist; create one with 'pgdbm generate config'"
                    + " or drop --config/PGDBM_CONFIG to use DATABASE_URL and ./migrations");
        } catch (IOException e) {
            throw CliException.config("Cannot read config file " + file + ": " + e.getMessage());
        }
        return parse(text, file, variables, environment);
    }

    static ProjectConfig parse(String text, Path file, Function<String, String> variables) {
        return parse(text, file, variables, null);
    }

    static ProjectConfig parse(String text, Path file, Function<String, String> variables, String environment) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw CliException.config(file + where + ": not valid TOML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            root = new TomlMapper().createObjectNode();
        }
        return new ConfigLoader(file, variables, environment).read(root);
    }

    private ProjectConfig read(JsonNode root) {
        unknownKeys(root, TOP, "");
        JsonNode project = table(root, "project", "project");
        unknownKeys(project, PROJECT, "project.");
        JsonNode database = table(root, "database", "database");
        unknownKeys(database, DATABASE, "database.");

        String migrationsTable = string(database, "migrations_table", "database.migrations_table");
        if (migrationsTable != null) {
            requireIdentifier(migrationsTable, "database.migrations_table");
        }

        String defaultEnv = string(project, "default_env", "project.default_env");
        String selected = requestedEnvironment != null ? requestedEnvironment : defaultEnv != null ? defaultEnv : "dev";
        Map<String, EnvironmentConfig> environments = new LinkedHashMap<>();
        table(root, "environments", "environments").fields().forEachRemaining(e -> environments.put(e.getKey(),
                e.getKey().equals(selected) ? environment(e.getKey(), e.getValue()) : unselected(e.getKey(), e.getValue())));

        Map<String, ModuleConfig> modules = new LinkedHashMap<>();
        table(root, "modules", "modules").fields().forEachRemaining(e ->
                modules.put(e.getKey(), module(e.getKey(), e.getValue())));
        modules.values().forEach(m -> m.dependsOn().forEach(d -> {
            if (!modules.containsKey(d)) {
                throw CliException.config(file + ": modules." + m.name() + ".depends_on names '" + d
                        + "', which is not a module; configured modules: " + modules.keySet());
            }
        }));

        SharedPoolConfig sharedPool = root.has("shared_pool") ? sharedPool(root.get("shared_pool"), modules) : null;
        return new ProjectConfig(file, string(project, "name", "project.name"), defaultEnv, selected,
                migrationsTable != null ? migrationsTable : ProjectConfig.DEFAULT_MIGRATIONS_TABLE,
                environments, modules, sharedPool, warnings);
    }

    private EnvironmentConfig environment(String name, JsonNode node) {
        String at = "environments." + name;
        checkShape(node, at);
        String url = string(node, "url", at + ".url");
        String connectionString = string(node, "connection_string", at + ".connection_string");
        String host = string(node, "host", at + ".host");
        String database = string(node, "database", at + ".database");
        if (url == null && connectionString == null && (host == null || database == null)) {
            throw CliException.config(file + ": [" + at + "] needs url (or connection_string), or host and database"
                    + " (after expanding its ${VAR}s)");
        }
        String schema = string(node, "schema", at + ".schema");
        if (schema != null) {
            requireIdentifier(schema, at + ".schema");
        }
        String sslMode = string(node, "ssl_mode", at + ".ssl_mode");
        if (sslMode != null && !SSL_MODES.contains(sslMode)) {
            throw CliException.config(file + ": " + at + ".ssl_mode = \"" + sslMode + "\"; use one of " + SSL_MODES);
        }
        if (sslMode == null && bool(node, "ssl_enabled", at + ".ssl_enabled")) {
            sslMode = "require";
        }
        Integer port = node.has("port") ? integer(node, "port", at + ".port") : null;
        return new EnvironmentConfig(name, url != null ? url : connectionString, host, port, database,
                string(node, "user", at + ".user"), string(node, "password", at + ".password"),
                schema != null ? schema : EnvironmentConfig.DEFAULT_SCHEMA, sslMode,
                string(node, "ssl_ca_file", at + ".ssl_ca_file"), string(node, "ssl_cert_file", at + ".ssl_cert_file"),
                string(node, "ssl_key_file", at + ".ssl_key_file"));
    }

    private void checkShape(JsonNode node, String at) {
        requireTable(node, at);
        unknownKeys(node, ENVIRONMENT, at + ".");
        if (!node.has("url") && !node.has("connection_string") && !(node.has("host") && node.has("database"))) {
            throw CliException.config(file + ": [" + at + "] needs url (or connection_string), or host and database");
        }
    }

    /**
     * Another environment than the selected one: its shape is checked, its variables are not required. Only its
     * schema is kept (when it expands), so that {@code schema clean} never drops it.
     */
    private EnvironmentConfig unselected(String name, JsonNode node) {
        String at = "environments." + name;
        checkShape(node, at);
        String schema;
        try {
            schema = string(node, "schema", at + ".schema");
        } catch (CliException unsetVariable) {
            schema = null;
        }
        return new EnvironmentConfig(name, null, null, null, null, null, null,
                schema != null && Identifiers.isValid(schema) ? schema : EnvironmentConfig.DEFAULT_SCHEMA,
                null, null, null, null);
    }

    private ModuleConfig module(String name, JsonNode node) {
        String at = "modules." + name;
        requireTable(node, at);
        unknownKeys(node, MODULE, at + ".");
        if (name.length() > 100) {
            throw CliException.config(file + ": module name '" + name + "' is longer than 100 characters");
        }
        String path = string(node, "migrations_path", at + ".migrations_path");
        if (path == null) {
            throw CliException.config(file + ": " + at + ".migrations_path is required, e.g. migrations_path = \"src/main/resources/db/migrations/"
                    + name + "\"");
        }
        String schema = string(node, "schema", at + ".schema");
        if (schema != null) {
            requireIdentifier(schema, at + ".schema");
        }
        String mode = string(node, "mode", at + ".mode");
        if (mode != null && !MODES.contains(mode)) {
            warnings.add(at + ".mode = \"" + mode + "\" is not one of standalone, library, dual");
        }
        String moduleName = string(node, "module_name", at + ".module_name");
        if (moduleName != null && (moduleName.length() > 100 || moduleName.chars().anyMatch(Character::isISOControl))) {
            throw CliException.config(file + ": " + at + ".module_name must be at most 100 characters without control "
                    + "characters (the history's module_name column is VARCHAR(100))");
        }
        List<String> dependsOn = strings(node, "depends_on", at + ".depends_on");
        if (dependsOn.contains(name)) {
            throw CliException.config(file + ": " + at + ".depends_on names the module itself (cycle: " + name + " → " + name + ")");
        }
        return new ModuleConfig(name, path, schema, moduleName, mode != null ? mode : "dual", dependsOn);
    }

    private SharedPoolConfig sharedPool(JsonNode node, Map<String, ModuleConfig> modules) {
        requireTable(node, "shared_pool");
        unknownKeys(node, SHARED_POOL, "shared_pool.");
        int min = node.has("min_connections") ? integer(node, "min_connections", "shared_pool.min_connections") : 1;
        int max = node.has("max_connections") ? integer(node, "max_connections", "shared_pool.max_connections") : 10;
        if (min < 0 || max < 1 || min > max) {
            throw CliException.config(file + ": [shared_pool] needs 0 <= min_connections <= max_connections and "
                    + "max_connections >= 1, got " + min + " and " + max);
        }
        List<String> members = strings(node, "modules", "shared_pool.modules");
        members.stream().filter(m -> !modules.containsKey(m)).findFirst().ifPresent(m -> {
            throw CliException.config(file + ": shared_pool.modules names '" + m + "', which is not a module; "
                    + "configured modules: " + modules.keySet());
        });
        return new SharedPoolConfig(min, max, members);
    }

    private void unknownKeys(JsonNode node, Set<String> known, String prefix) {
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                warnings.add("unknown key '" + prefix + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        });
    }

    private JsonNode table(JsonNode parent, String key, String at) {
        JsonNode node = parent.get(key);
        if (node == null) {
            return new TomlMapper().createObjectNode();
        }
        requireTable(node, at);
        return node;
    }

    private void requireTable(JsonNode node, String at) {
        if (!node.isObject()) {
            throw CliException.config(file + ": " + at + " must be a table, e.g. [" + at + "]");
        }
    }

    private String string(JsonNode node, String key, String at) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw CliException.config(file + ": " + at + " must be a string, got " + value);
        }
        String expanded = expander.expand(value.textValue(), file + ": " + at);
        return expanded.isEmpty() ? null : expanded;
    }

    private List<String> strings(JsonNode node, String key, String at) {
        JsonNode value = node.get(key);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw CliException.config(file + ": " + at + " must be a list of strings, e.g. [\"users\"]");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw CliException.config(file + ": " + at + "[" + i + "] must be a string, got " + item);
            }
            out.add(expander.expand(item.textValue(), file + ": " + at + "[" + i + "]"));
        }
        return out;
    }

    private int integer(JsonNode node, String key, String at) {
        JsonNode value = node.get(key);
        if (value.isTextual()) { // "${PORT}" and the like
            String text = expander.expand(value.textValue(), file + ": " + at);
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw CliException.config(file + ": " + at + " must be an integer, got \"" + text + "\"");
            }
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw CliException.config(file + ": " + at + " must be an integer, got " + value);
        }
        return value.intValue();
    }

    private boolean bool(JsonNode node, String key, String at) {
        JsonNode value = node.get(key);
        if (value == null) {
            return false;
        }
        if (value.isTextual()) {
            String text = expander.expand(value.textValue(), file + ": " + at);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
        } else if (value.isBoolean()) {
            return value.booleanValue();
        }
        throw CliException.config(file + ": " + at + " must be true or false, got " + value);
    }

    private void requireIdentifier(String name, String at) {
        if (!Identifiers.isValid(name)) {
            throw CliException.config(file + ": " + at + " = \"" + name + "\" is not a valid identifier: letters, digits "
                    + "and underscores, starting with a letter or underscore, at most 63 characters");
        }
    }
}
