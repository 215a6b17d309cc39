package io.pgdbm.cli;

import io.pgdbm.SharedPool;
import io.pgdbm.migration.AppliedMigration;
import io.pgdbm.migration.ChecksumMismatchException;
import io.pgdbm.migration.Migration;
import io.pgdbm.migration.MigrationException;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import io.pgdbm.migration.Module;
import io.pgdbm.migration.ModuleStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code pgdbm migrate ...}: apply, plan, inspect, check, repair and verify per-module migrations. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Migration management commands.",
        footer = ExitCodes.HELP_FOOTER)
final class MigrateCommands {

    @ParentCommand
    PgdbmCommand root;

    @Command(name = "apply", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = "Apply pending migrations: every module in dependency order (--all, the default), or one "
                    + "module and what it depends on (--module).")
    int apply(@Option(names = {"-m", "--module"}, paramLabel = "MODULE", description = "Only this module (and its dependencies).") String module,
              @Option(names = "--all", description = "All modules, in dependency order (the default).") boolean all,
              @Option(names = "--dry-run", description = "Show what would be applied; change nothing.") boolean dryRun,
              @Option(names = "--target", paramLabel = "VERSION", description = "Apply the module's files only up to "
                      + "and including this version, e.g. 7 for 007_x.sql (needs --module when there are several "
                      + "modules; its dependencies are applied in full).") String target,
              @Option(names = "--out-of-order", description = "Also apply a pending file whose version is below the "
                      + "highest applied one (refused by default).") boolean outOfOrder) {
        Project project = root.project();
        if (module != null && all) {
            throw new CliException(ExitCodes.USAGE, "Give --module or --all, not both");
        }
        String targetModule = target == null ? null   // core modules carry the history name
                : (module != null ? project.module(module) : onlyModule(project, "--target")).historyName();
        BiConsumer<Module, MigrationManager.Builder> options = (m, b) -> {
            b.outOfOrder(outOfOrder);
            if (m.name().equals(targetModule)) {
                b.target(target);
            }
        };
        List<ModuleConfig> modules = module != null ? project.moduleWithDependencies(module) : project.modulesInOrder();
        Output output = root.output();
        root.target();
        output.put("dryRun", dryRun);
        output.put("order", modules.stream().map(ModuleConfig::name).toList());
        output.progress("Resolved module order: " + ModuleMigrator.arrowList(modules));
        try (SharedPool pool = project.openPool()) {
            ModuleMigrator migrator = new ModuleMigrator(project, pool, output);
            if (dryRun) {
                migrator.plan(modules, options);
            } else {
                migrator.apply(modules, options);
            }
        }
        return ExitCodes.OK;
    }

    // no standard mixin: its --version would take the name Flyway users type for the baseline version
    @Command(name = "baseline", footer = ExitCodes.HELP_FOOTER,
            description = "Adopt an existing database: record a module's files up to and including --version as "
                    + "applied without running them. Refused when the module's history already has rows.")
    int baseline(@Option(names = {"-v", "--version"}, required = true, paramLabel = "VERSION",
                         description = "The version of the last file the database already has, e.g. 4 for 004_x.sql.") String version,
                 @Option(names = {"-m", "--module"}, paramLabel = "MODULE", description = "The module (default: the only one).") String module,
                 @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.") boolean help) {
        Project project = root.project();
        ModuleConfig m = module != null ? project.module(module) : onlyModule(project, "baseline");
        project.requireLocation(m);
        root.target();
        try (SharedPool pool = project.openPool()) {
            MigrationResult result = project.migrationManager(pool, m).baseline(version);
            root.output().put("module", m.name());
            root.output().put("version", version);
            root.output().put("recorded", result.appliedFilenames());
            root.output().result("✓ Baselined module " + m.name() + " (schema " + result.schema() + ") at version "
                    + version + ": " + result.applied().size() + " file(s) recorded as applied without running them");
            result.appliedFilenames().forEach(f -> root.output().result("  = " + f));
        }
        return ExitCodes.OK;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = "Applied and pending migrations of every module; exits 6 when an applied file was edited "
                    + "or is missing.")
    int status(@Option(names = {"-m", "--module"}, paramLabel = "MODULE", description = "Only this module.") String module,
               @Option(names = "--all-modules", hidden = true, description = "Python pgdbm's spelling of the default.")
               boolean allModules) {
        Project project = root.project();
        if (module != null && allModules) {
            throw new CliException(ExitCodes.USAGE, "Give --module or --all-modules, not both (every module is the default)");
        }
        List<ModuleConfig> modules = module != null ? List.of(project.module(module)) : project.modulesInOrder();
        modules.forEach(project::requireLocation);
        root.target();
        List<Map<String, Object>> reports = new ArrayList<>();
        root.output().put("modules", reports);
        boolean drift = false;
        try (SharedPool pool = project.openPool()) {
            for (ModuleConfig m : modules) {
                Map<String, Object> report = statusOf(project, pool, m);
                drift |= !((List<?>) report.get("modified")).isEmpty() || !((List<?>) report.get("missingFiles")).isEmpty();
                reports.add(report);
                printStatus(report);
            }
        }
        if (drift) {
            root.output().put("error", "An applied migration file was edited or is missing (see modified and missingFiles)");
        }
        return drift ? ExitCodes.CHECKSUM : ExitCodes.OK;
    }

    private static Map<String, Object> statusOf(Project project, SharedPool pool, ModuleConfig module) {
        Map<String, Object> r = Json.object();
        r.put("module", module.name());
        r.put("moduleName", module.historyName());
        r.put("schema", project.schemaOf(module));
        r.put("location", project.location(module));
        ModuleStatus status = project.moduleRunner(pool, List.of(module), (m, b) -> { }).status().get(0);
        Map<String, AppliedMigration> byFile = new HashMap<>();
        status.applied().forEach(a -> byFile.putIfAbsent(a.filename(), a));
        List<Map<String, Object>> appliedOut = new ArrayList<>();
        for (Migration f : MigrationManager.discover(project.location(module))) {
            AppliedMigration a = byFile.get(f.filename());
            if (a == null) {
                continue;
            }
            Map<String, Object> row = Json.object();
            row.put("file", a.filename());
            row.put("appliedAt", a.appliedAt() == null ? null : a.appliedAt().toString());
            row.put("appliedBy", a.appliedBy());
            row.put("ms", a.executionTime() == null ? null : a.executionTime().toMillis());
            appliedOut.add(row);
        }
        r.put("applied", appliedOut);
        r.put("pending", status.pending());
        r.put("modified", status.modified());
        r.put("missingFiles", status.missingFiles());
        return r;
    }

    @SuppressWarnings("unchecked")
    private void printStatus(Map<String, Object> r) {
        Output out = root.output();
        List<Map<String, Object>> applied = (List<Map<String, Object>>) r.get("applied");
        List<String> pending = (List<String>) r.get("pending");
        List<String> modified = (List<String>) r.get("modified");
        List<String> missing = (List<String>) r.get("missingFiles");
        out.result("");
        out.result("Module: " + r.get("module") + " (schema " + r.get("schema")
                + (r.get("module").equals(r.get("moduleName")) ? "" : ", recorded as '" + r.get("moduleName") + "'") + ")");
        out.result("  Applied: " + applied.size() + ", pending: " + pending.size());
        applied.forEach(a -> out.result("  ✓ " + a.get("file") + " at " + a.get("appliedAt")
                + (modified.contains(a.get("file")) ? "  ✗ MODIFIED since applied" : "")));
        pending.forEach(p -> out.result("  - " + p + " (pending)"));
        missing.forEach(m -> out.result("  ✗ " + m + " (applied, but the file is missing)"));
        if (!modified.isEmpty()) {
            out.result("  Checksum drift: restore the files, or accept the change with "
                    + "'pgdbm migrate repair --module " + r.get("module") + " --file FILE'");
        }
        if (!missing.isEmpty()) {
            out.result("  Missing files: restore them, or remove their history entries with "
                    + "'pgdbm migrate repair --module " + r.get("module") + " --file FILE'");
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = "Create the next numbered migration file NNN_NAME.sql in a module's directory.")
    int create(@Parameters(paramLabel = "NAME", description = "lower-case letters, digits and _") String name,
               @Option(names = {"-m", "--module"}, paramLabel = "MODULE", description = "The module (default: the only one).") String module) {
        String fileName = name.toLowerCase(Locale.ROOT);
        if (!fileName.matches("[a-z0-9_]{1,200}")) {
            throw new CliException(ExitCodes.USAGE, "Invalid migration name '" + name + "': use letters, digits and '_'"
                    + " (e.g. add_orders_index)");
        }
        Project project = root.project();
        ModuleConfig m = module != null ? project.module(module) : onlyModule(project, "create");
        String location = project.location(m);
        if (location.startsWith("classpath:")) {
            throw CliException.config("Module '" + m.name() + "' reads its migrations from " + location
                    + "; create the file in the source directory that holds them");
        }
        String schema = project.schemaOf(m);
        String content = "-- Migration: " + name + "\n-- Created: " + Instant.now() + "\n-- Module: " + m.name()
                + " (schema " + schema + ")\n\n-- Use {{tables.name}} for tables: it becomes \"" + schema + "\".name\n"
                + "-- CREATE TABLE IF NOT EXISTS {{tables.example}} (id bigserial PRIMARY KEY);\n"
                + "-- A file holding only comments is refused by 'migrate apply': write its SQL first.\n";
        // createMigration only writes a file; the manager is never connected
        io.pgdbm.DatabaseManager offline = new io.pgdbm.DatabaseManager(io.pgdbm.DatabaseConfig.builder().schema(schema).build());
        Path file = MigrationManager.builder(offline, location).moduleName(m.historyName()).build()
                .createMigration(fileName, content);
        root.output().put("module", m.name());
        root.output().put("file", file.toString());
        root.output().result("✓ Created migration: " + file);
        root.output().progress("  Write its SQL: until then 'migrate apply' refuses it (it holds only comments)");
        return ExitCodes.OK;
    }

    private static ModuleConfig onlyModule(Project project, String what) {
        if (project.modules().size() != 1) {
            throw new CliException(ExitCodes.USAGE, "Several modules are configured (" + String.join(", ",
                    project.modules().keySet()) + "); choose one for " + what + " with --module");
        }
        return project.modules().values().iterator().next();
    }

    @Command(name = "validate", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = "Check every module without changing anything: no applied file edited (exit 6), every "
                    + "pending file valid (exit 5).")
    int validate() {
        Project project = root.project();
        List<ModuleConfig> modules = project.modulesInOrder();
        modules.forEach(project::requireLocation);
        root.target();
        Output output = root.output();
        List<Map<String, Object>> reports = new ArrayList<>();
        output.put("modules", reports);
        int code = ExitCodes.OK;
        try (SharedPool pool = project.openPool()) {
            for (ModuleConfig m : modules) {
                Map<String, Object> report = Json.object();
                report.put("module", m.name());
                reports.add(report);
                try {
                    project.migrationManager(pool, m).validate();
                    report.put("valid", true);
                    output.result("  ✓ " + m.name() + ": valid");
                } catch (ChecksumMismatchException e) {
                    report.put("valid", false);
                    report.put("error", e.getMessage());
                    root.err().println("  ✗ " + m.name() + ": " + e.getMessage());
                    code = ExitCodes.CHECKSUM;
                } catch (MigrationException e) {
                    report.put("valid", false);
                    report.put("error", e.getMessage());
                    root.err().println("  ✗ " + m.name() + ": " + e.getMessage());
                    code = code == ExitCodes.OK ? ExitCodes.MIGRATION : code;
                }
            }
        }
        output.result(code == ExitCodes.OK ? "✓ All " + modules.size() + " module(s) valid" : "✗ Validation failed");
        if (code != ExitCodes.OK) {
            output.put("error", "Validation failed (see each module's error)");
        }
        return code;
    }

    @Command(name = "repair", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = {"Fix one history entry of a module (asks first; the database schema is NOT changed):",
                    "- the file was edited after it was applied: store its new checksum, noting who repaired it;",
                    "- the file is missing (deleted or renamed), or with --remove: delete the entry, so the file (when "
                            + "present) is pending again."})
    int repair(@Option(names = {"-m", "--module"}, required = true, paramLabel = "MODULE") String module,
               @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The file name, e.g. 002_add_index.sql") String file,
               @Option(names = "--remove", description = "Delete the entry even though the file exists (to apply it again).") boolean remove,
               @Option(names = {"-y", "--yes", "--confirm"}, description = "Do not ask for confirmation.") boolean yes) {
        Project project = root.project();
        ModuleConfig m = project.module(module);
        project.requireLocation(m);
        Migration current = MigrationManager.discover(project.location(m)).stream()
                .filter(f -> f.filename().equals(file)).findFirst().orElse(null);
        root.target();
        Output output = root.output();
        output.put("module", m.name());
        output.put("file", file);
        try (SharedPool pool = project.openPool()) {
            HistoryRepair repair = new HistoryRepair(pool, project.schemaOf(m), project.migrationsTable());
            String stored = repair.storedChecksum(m.historyName(), file)
                    .orElseThrow(() -> new CliException(ExitCodes.FAILURE, "Module '" + m.name() + "' has no applied "
                            + "migration " + file + "; nothing to repair" + (current != null ? " (apply it instead)"
                            : " ('migrate status --module " + m.name() + "' lists its entries)")));
            if (current == null || remove) {
                root.confirm("Remove the history entry of " + file + " of module '" + m.name() + "'"
                        + (current == null ? " (the file is missing)" : " (the file will be pending again)")
                        + "? What it created stays in the database.", yes);
                repair.remove(m.historyName(), file);
                output.put("action", "removed");
                output.result("✓ Removed the history entry of " + m.name() + "/" + file);
                return ExitCodes.OK;
            }
            if (stored.equals(current.checksum())) {
                output.put("action", "none");
                output.result("✓ " + file + " matches its recorded checksum; nothing to repair");
                return ExitCodes.OK;
            }
            root.confirm("Record the edited " + file + " of module '" + m.name() + "' as applied (the database is NOT "
                    + "changed to match)?", yes);
            repair.accept(m.historyName(), file, current.checksum());
            output.put("action", "checksum");
            output.result("✓ Repaired " + m.name() + "/" + file + ": checksum " + shortSum(stored) + " → "
                    + shortSum(current.checksum()));
        }
        return ExitCodes.OK;
    }

    private static String shortSum(String sum) {
        return sum.length() > 12 ? sum.substring(0, 12) + "…" : sum;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = "Apply every module from scratch to a throwaway database and report: on a server started "
                    + "for it (local binaries or embedded), or on --url.")
    int verify(@Option(names = "--url", paramLabel = "URL", description = "A server to create the throwaway database on.") String url,
               @Option(names = "--server", paramLabel = "PROVIDER", defaultValue = "auto",
                       description = "Without --url: auto (default), local or embedded.") String provider) {
        Project project = root.project();
        List<ModuleConfig> modules = project.modulesInOrder();
        modules.forEach(project::requireLocation);
        Output output = root.output();
        output.put("order", modules.stream().map(ModuleConfig::name).toList());
        output.progress("Resolved module order: " + ModuleMigrator.arrowList(modules));
        VerifyRun run = VerifyRun.start(url, provider);
        try (run) {
            Project scratch = project.withDatabaseUrl(run.url());
            output.put("server", run.provider());
            output.put("target", run.maskedUrl());
            output.progress("Target: " + run.maskedUrl() + " (throwaway database, dropped afterwards)");
            try (SharedPool pool = scratch.openPool()) {
                new ModuleMigrator(scratch, pool, output).apply(modules);
            }
            output.result("✓ Verified: every module applies from scratch");
            return ExitCodes.OK;
        }
    }
}
