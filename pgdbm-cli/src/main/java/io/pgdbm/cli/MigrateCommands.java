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
              @Option(names = "--json", description = "With --dry-run: machine-readable output.") boolean json,
              @Option(names = "--target", paramLabel = "VERSION", description = "Apply the module's files only up to "
                      + "and including this version, e.g. 7 for 007_x.sql (needs --module when there are several "
                      + "modules; its dependencies are applied in full).") String target,
              @Option(names = "--out-of-order", description = "Also apply a pending file whose version is below the "
                      + "highest applied one (refused by default).") boolean outOfOrder) {
        Project project = root.project();
        if (module != null && all) {
            throw new CliException(ExitCodes.USAGE, "Give --module or --all, not both");
        }
        String targetModule = target == null ? null : module != null ? module : onlyModule(project, "--target").name();
        BiConsumer<Module, MigrationManager.Builder> options = (m, b) -> {
            b.outOfOrder(outOfOrder);
            if (m.name().equals(targetModule)) {
                b.target(target);
            }
        };
        List<ModuleConfig> modules = module != null ? project.moduleWithDependencies(module) : project.modulesInOrder();
        boolean text = !(json && dryRun);
        if (text) {
            root.out().println("Environment: " + project.environmentName());
            root.out().println("Resolved module order: " + ModuleMigrator.arrowList(modules));
        }
        try (SharedPool pool = project.openPool()) {
            ModuleMigrator migrator = new ModuleMigrator(project, pool, text ? root.out() : null);
            if (dryRun) {
                List<MigrationResult> plan = migrator.plan(modules, options);
                if (json) {
                    Map<String, Object> doc = Json.object();
                    doc.put("environment", project.environmentName());
                    doc.put("dryRun", true);
                    doc.put("order", modules.stream().map(ModuleConfig::name).toList());
                    doc.put("modules", plan.stream().map(Json::result).toList());
                    root.out().println(Json.write(doc));
                }
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
        try (SharedPool pool = project.openPool()) {
            MigrationResult result = project.migrationManager(pool, m).baseline(version);
            root.out().println("✓ Baselined module " + m.name() + " (schema " + result.schema() + ") at version "
                    + version + ": " + result.applied().size() + " file(s) recorded as applied without running them");
            result.appliedFilenames().forEach(f -> root.out().println("  = " + f));
        }
        return ExitCodes.OK;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = "Applied and pending migrations of every module; exits 6 when an applied file was edited.")
    int status(@Option(names = {"-m", "--module"}, paramLabel = "MODULE", description = "Only this module.") String module,
               @Option(names = "--json", description = "Machine-readable output.") boolean json) {
        Project project = root.project();
        List<ModuleConfig> modules = module != null ? List.of(project.module(module)) : project.modulesInOrder();
        List<Map<String, Object>> reports = new ArrayList<>();
        boolean drift = false;
        try (SharedPool pool = project.openPool()) {
            for (ModuleConfig m : modules) {
                Map<String, Object> report = statusOf(project, pool, m);
                drift |= !((List<?>) report.get("modified")).isEmpty();
                reports.add(report);
            }
        }
        if (json) {
            Map<String, Object> doc = Json.object();
            doc.put("environment", project.environmentName());
            doc.put("modules", reports);
            root.out().println(Json.write(doc));
        } else {
            root.out().println("Environment: " + project.environmentName());
            reports.forEach(this::printStatus);
        }
        return drift ? ExitCodes.CHECKSUM : ExitCodes.OK;
    }

    private static Map<String, Object> statusOf(Project project, SharedPool pool, ModuleConfig module) {
        Map<String, Object> r = Json.object();
        r.put("module", module.name());
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
        var out = root.out();
        List<Map<String, Object>> applied = (List<Map<String, Object>>) r.get("applied");
        List<String> pending = (List<String>) r.get("pending");
        List<String> modified = (List<String>) r.get("modified");
        List<String> missing = (List<String>) r.get("missingFiles");
        out.println();
        out.println("Module: " + r.get("module") + " (schema " + r.get("schema") + ")");
        out.println("  Applied: " + applied.size() + ", pending: " + pending.size());
        applied.forEach(a -> out.println("  ✓ " + a.get("file") + " at " + a.get("appliedAt")
                + (modified.contains(a.get("file")) ? "  ✗ MODIFIED since applied" : "")));
        pending.forEach(p -> out.println("  - " + p + " (pending)"));
        missing.forEach(m -> out.println("  ? " + m + " (applied, file no longer present)"));
        if (!modified.isEmpty()) {
            out.println("  Checksum drift: restore the files, or accept the change with "
                    + "'pgdbm migrate repair --module " + r.get("module") + " --file FILE'");
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = "Create the next numbered migration file NNN_NAME.sql in a module's directory.")
    int create(@Parameters(paramLabel = "NAME", description = "lower-case letters, digits and _") String name,
               @Option(names = {"-m", "--module"}, paramLabel = "MODULE", description = "The module (default: the only one).") String module) {
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
                + "-- CREATE TABLE IF NOT EXISTS {{tables.example}} (id bigserial PRIMARY KEY);\n";
        // createMigration only writes a file; the manager is never connected
        io.pgdbm.DatabaseManager offline = new io.pgdbm.DatabaseManager(io.pgdbm.DatabaseConfig.builder().schema(schema).build());
        Path file = MigrationManager.builder(offline, location).moduleName(m.name()).build()
                .createMigration(name.toLowerCase(Locale.ROOT), content);
        root.out().println("✓ Created migration: " + file);
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
        int code = ExitCodes.OK;
        try (SharedPool pool = project.openPool()) {
            for (ModuleConfig m : modules) {
                try {
                    project.migrationManager(pool, m).validate();
                    root.out().println("  ✓ " + m.name() + ": valid");
                } catch (ChecksumMismatchException e) {
                    root.err().println("  ✗ " + m.name() + ": " + e.getMessage());
                    code = ExitCodes.CHECKSUM;
                } catch (MigrationException e) {
                    root.err().println("  ✗ " + m.name() + ": " + e.getMessage());
                    code = code == ExitCodes.OK ? ExitCodes.MIGRATION : code;
                }
            }
        }
        root.out().println(code == ExitCodes.OK ? "✓ All " + modules.size() + " module(s) valid" : "✗ Validation failed");
        return code;
    }

    @Command(name = "repair", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = "Accept the current content of one applied file: store its new checksum in the history, "
                    + "noting who repaired it in applied_by.")
    int repair(@Option(names = {"-m", "--module"}, required = true, paramLabel = "MODULE") String module,
               @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The file name, e.g. 002_add_index.sql") String file,
               @Option(names = {"-y", "--yes", "--confirm"}, description = "Do not ask for confirmation.") boolean yes) {
        Project project = root.project();
        ModuleConfig m = project.module(module);
        Migration current = MigrationManager.discover(project.location(m)).stream()
                .filter(f -> f.filename().equals(file)).findFirst()
                .orElseThrow(() -> new CliException(ExitCodes.FAILURE, "No file " + file + " in " + project.location(m)));
        try (SharedPool pool = project.openPool()) {
            HistoryRepair repair = new HistoryRepair(pool, project.schemaOf(m), project.migrationsTable());
            String stored = repair.storedChecksum(m.name(), file)
                    .orElseThrow(() -> new CliException(ExitCodes.FAILURE, "Module '" + m.name() + "' has no applied "
                            + "migration " + file + "; nothing to repair (apply it instead)"));
            if (stored.equals(current.checksum())) {
                root.out().println("✓ " + file + " matches its recorded checksum; nothing to repair");
                return ExitCodes.OK;
            }
            root.confirm("Record the edited " + file + " of module '" + m.name() + "' as applied (the database is NOT "
                    + "changed to match)?", yes);
            repair.accept(m.name(), file, current.checksum());
            root.out().println("✓ Repaired " + m.name() + "/" + file + ": checksum " + shortSum(stored) + " → "
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
                       description = "Without --url: auto (default), local or embedded.") String provider,
               @Option(names = "--json", description = "Machine-readable output.") boolean json) {
        Project project = root.project();
        List<ModuleConfig> modules = project.modulesInOrder();
        modules.forEach(project::requireLocation);
        if (!json) {
            root.out().println("Resolved module order: " + ModuleMigrator.arrowList(modules));
        }
        VerifyRun run = VerifyRun.start(url, provider);
        try (run) {
            Project scratch = project.withDatabaseUrl(run.url());
            if (!json) {
                root.out().println("Throwaway database: " + run.maskedUrl());
            }
            List<MigrationResult> results;
            String failure = null;
            int code = ExitCodes.OK;
            try (SharedPool pool = scratch.openPool()) {
                results = new ArrayList<>();
                try {
                    results.addAll(new ModuleMigrator(scratch, pool, json ? null : root.out()).apply(modules));
                } catch (MigrationException e) {
                    failure = e.getMessage();
                    code = ExitCodes.of(e);
                }
            }
            if (json) {
                Map<String, Object> doc = Json.object();
                doc.put("ok", failure == null);
                doc.put("server", run.provider());
                doc.put("order", modules.stream().map(ModuleConfig::name).toList());
                doc.put("modules", results.stream().map(Json::result).toList());
                doc.put("error", failure);
                root.out().println(Json.write(doc));
            } else if (failure != null) {
                root.err().println("Error: " + failure);
            } else {
                root.out().println("✓ Verified: every module applies from scratch");
            }
            return code;
        }
    }
}
