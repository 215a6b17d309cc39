package io.pgdbm.cli;

import io.pgdbm.DatabaseManager;
import io.pgdbm.Row;
import io.pgdbm.SharedPool;
import io.pgdbm.internal.Identifiers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pgdbm schema ...}: the schemas of the environment's database and the modules that own them. */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Schema management commands.",
        footer = ExitCodes.HELP_FOOTER)
final class SchemaCommands {
    private static final String USER_SCHEMAS = "SELECT n.nspname AS name, "
            + "(SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p')) AS tables, "
            + "(SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid) "
            + " + (SELECT count(*) FROM pg_proc p WHERE p.pronamespace = n.oid) "
            + " + (SELECT count(*) FROM pg_type t WHERE t.typnamespace = n.oid) AS objects "
            + "FROM pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%' ORDER BY n.nspname";

    @ParentCommand
    PgdbmCommand root;

    static List<Row> userSchemas(DatabaseManager db) {
        return db.fetchAll(USER_SCHEMAS);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER, description = "Schemas of the database, and the configured modules.")
    int list() {
        Project project = root.project();
        Output out = root.output();
        Map<String, ModuleConfig> modules = project.modules();
        root.target();
        List<Map<String, Object>> schemas = new ArrayList<>();
        out.put("schemas", schemas);
        try (SharedPool pool = project.openPool()) {
            out.result("Database schemas:");
            for (Row s : userSchemas(new DatabaseManager(pool))) {
                String name = s.getString("name");
                List<String> owners = modules.values().stream().filter(m -> project.schemaOf(m).equals(name))
                        .map(ModuleConfig::name).toList();
                schemas.add(Map.of("name", name, "tables", s.getLong("tables"), "modules", owners));
                out.result("  " + name + " (" + s.getLong("tables") + " tables)"
                        + (owners.isEmpty() ? "" : " - module: " + String.join(", ", owners)));
            }
        }
        out.result("");
        out.result("Configured modules:");
        Set<String> shared = new HashSet<>(project.config().flatMap(ProjectConfig::sharedPoolConfig)
                .map(SharedPoolConfig::modules).orElse(List.of()));
        List<Map<String, Object>> configured = new ArrayList<>();
        out.put("modules", configured);
        for (ModuleConfig m : project.modulesInOrder()) {
            configured.add(Map.of("name", m.name(), "schema", project.schemaOf(m), "mode", m.mode(),
                    "dependsOn", m.dependsOn(), "sharedPool", shared.contains(m.name())));
            out.result("  " + m.name() + " → " + project.schemaOf(m) + " (" + m.mode() + ")"
                    + (shared.contains(m.name()) ? " [shared_pool]" : ""));
            if (!m.dependsOn().isEmpty()) {
                out.result("    depends on: " + String.join(", ", m.dependsOn()));
            }
        }
        return ExitCodes.OK;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER, description = "Create a module's schema (or --name).")
    int create(@Option(names = {"-m", "--module"}, paramLabel = "MODULE") String module,
               @Option(names = {"-n", "--name"}, paramLabel = "SCHEMA") String name) {
        Project project = root.project();
        if (module == null && name == null) {
            throw new CliException(ExitCodes.USAGE, "Give --module or --name");
        }
        String schema = name != null ? name : project.schemaOf(project.module(module));
        if (!Identifiers.isValid(schema)) {
            throw new CliException(ExitCodes.USAGE, "Invalid schema name '" + schema + "': letters, digits and '_', "
                    + "starting with a letter or '_', at most 63 characters");
        }
        root.target();
        root.output().put("schema", schema);
        try (SharedPool pool = project.openPool()) {
            DatabaseManager db = new DatabaseManager(pool);
            boolean exists = db.fetchValue(Boolean.class, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", schema);
            root.output().put("created", !exists);
            if (exists) {
                root.output().result("Schema '" + schema + "' already exists");
            } else {
                db.execute("CREATE SCHEMA " + Identifiers.quote(schema, "schema"));
                root.output().result("✓ Created schema '" + schema + "'");
            }
        }
        return ExitCodes.OK;
    }

    @Command(name = "deps", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER, description = "A module's dependency tree and its dependents.")
    int deps(@Option(names = {"-m", "--module"}, required = true, paramLabel = "MODULE") String module) {
        Project project = root.project();
        ModuleConfig m = project.module(module);
        project.moduleWithDependencies(module); // a cycle is reported with its path, never recursed into
        Output out = root.output();
        out.put("module", m.name());
        out.put("applyOrder", project.moduleWithDependencies(module).stream().map(ModuleConfig::name).toList());
        out.result("Dependencies of " + m.name() + " (apply order: "
                + ModuleMigrator.arrowList(project.moduleWithDependencies(module)) + "):");
        printTree(project, m, 1, out);
        out.result("");
        out.result("Modules that depend on " + m.name() + ":");
        List<String> dependents = project.modules().values().stream().filter(x -> x.dependsOn().contains(m.name()))
                .map(ModuleConfig::name).toList();
        out.put("dependents", dependents);
        if (dependents.isEmpty()) {
            out.result("  (none)");
        }
        dependents.forEach(d -> out.result("  - " + d));
        return ExitCodes.OK;
    }

    private static void printTree(Project project, ModuleConfig m, int depth, Output out) {
        for (String d : m.dependsOn()) {
            ModuleConfig dep = project.module(d);
            out.result("  ".repeat(depth) + dep.name() + " → " + project.schemaOf(dep));
            printTree(project, dep, depth + 1, out);
        }
    }

    @Command(name = "clean", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = "Drop empty schemas (no tables, views, functions or types) that no module or environment names.")
    int clean(@Option(names = "--dry-run", description = "Only list them.") boolean dryRun,
              @Option(names = {"-y", "--yes", "--confirm"}, description = "Do not ask for confirmation.") boolean yes) {
        Project project = root.project();
        Set<String> keep = new HashSet<>(project.protectedSchemas());
        project.modules().values().forEach(m -> keep.add(project.schemaOf(m)));
        keep.add(project.environment().schema());
        Output out = root.output();
        root.target();
        try (SharedPool pool = project.openPool()) {
            DatabaseManager db = new DatabaseManager(pool);
            List<String> candidates = new ArrayList<>();
            for (Row s : userSchemas(db)) {
                if (s.getLong("objects") == 0 && !keep.contains(s.getString("name")) && Identifiers.isValid(s.getString("name"))) {
                    candidates.add(s.getString("name"));
                }
            }
            out.put("candidates", candidates);
            out.put("dryRun", dryRun);
            if (candidates.isEmpty()) {
                out.result("No unused schemas found (kept: " + String.join(", ", keep.stream().sorted().toList()) + ")");
                return ExitCodes.OK;
            }
            out.result("Found " + candidates.size() + " empty schema(s) that no module or environment names:");
            candidates.forEach(c -> out.result("  - " + c));
            if (dryRun) {
                out.result("Dry run: nothing was dropped");
                return ExitCodes.OK;
            }
            root.confirm("Drop these schemas?", yes);
            List<String> dropped = new ArrayList<>();
            out.put("dropped", dropped);
            for (String c : candidates) {
                db.execute("DROP SCHEMA " + Identifiers.quote(c, "schema") + " RESTRICT"); // RESTRICT: never take objects with it
                dropped.add(c);
                out.result("  ✓ Dropped " + c);
            }
            out.result("✓ Cleaned " + candidates.size() + " schema(s)");
        }
        return ExitCodes.OK;
    }
}
