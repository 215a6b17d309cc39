package io.pgdbm.cli;

import io.pgdbm.SharedPool;
import io.pgdbm.migration.MigrationException;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import io.pgdbm.migration.Module;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Applies (or plans) the migrations of several modules in order, each into its own schema, printing a line per
 * file with its time and a summary. Shared by {@code migrate apply}, {@code migrate verify} and {@code dev}.
 *
 * <pre>{@code
 * List<MigrationResult> results = new ModuleMigrator(project, pool, out).apply(project.modulesInOrder());
 * }</pre>
 */
final class ModuleMigrator {
    private final Project project;
    private final SharedPool pool;
    private final PrintWriter out;

    /** @param out where progress goes; {@code null} for none (JSON output) */
    ModuleMigrator(Project project, SharedPool pool, PrintWriter out) {
        this.project = project;
        this.pool = pool;
        this.out = out;
    }

    static String arrowList(List<ModuleConfig> modules) {
        return modules.stream().map(ModuleConfig::name).collect(Collectors.joining(" → "));
    }

    /**
     * Applies each module's pending files; stops at the first failure, after printing what was applied.
     *
     * @throws MigrationException for the failed file (its message names module and file)
     */
    List<MigrationResult> apply(List<ModuleConfig> modules) {
        return apply(modules, (m, b) -> { });
    }

    /** {@link #apply(List)} with more manager settings per module (target, out-of-order). */
    List<MigrationResult> apply(List<ModuleConfig> modules, BiConsumer<Module, MigrationManager.Builder> options) {
        modules.forEach(project::requireLocation);
        List<MigrationResult> results;
        try {
            results = project.moduleRunner(pool, modules, options).onResult(r -> {
                printApplied(r);
                if (r.status() == MigrationResult.Status.UP_TO_DATE) {
                    print("  · " + r.module() + ": up to date (schema " + r.schema() + ")");
                }
            }).migrate();
        } catch (MigrationException e) {
            if (e.partialResult() != null) {
                printApplied(e.partialResult());
            }
            print("  ✗ " + e.module() + ": " + (e.file() != null ? e.file() : "migrations") + " failed");
            throw e;
        }
        int files = results.stream().mapToInt(r -> r.applied().size()).sum();
        Duration time = results.stream().map(MigrationResult::totalTime).reduce(Duration.ZERO, Duration::plus);
        print(files == 0 ? "✓ No pending migrations (" + modules.size() + " module(s))"
                : "✓ Applied " + files + " migration(s) in " + modules.size() + " module(s) (" + time.toMillis() + " ms)");
        return results;
    }

    /** What {@link #apply} would do, changing nothing. */
    List<MigrationResult> plan(List<ModuleConfig> modules, BiConsumer<Module, MigrationManager.Builder> options) {
        modules.forEach(project::requireLocation);
        List<MigrationResult> results = project.moduleRunner(pool, modules, options).plan();
        for (MigrationResult plan : results) {
            if (plan.pending().isEmpty()) {
                print("  · " + plan.module() + ": no pending migrations (schema " + plan.schema() + ")");
            } else {
                print("  " + plan.module() + ": would apply " + plan.pending().size() + " migration(s) into schema "
                        + plan.schema() + ":");
                plan.pending().forEach(f -> print("    - " + f));
            }
        }
        int pending = results.stream().mapToInt(r -> r.pending().size()).sum();
        print("Dry run: " + pending + " migration(s) pending; nothing was changed");
        return results;
    }

    private void printApplied(MigrationResult result) {
        result.applied().forEach(f -> print("  ✓ " + result.module() + ": " + f.filename() + " ("
                + f.executionTime().toMillis() + " ms)"));
    }

    private void print(String line) {
        if (out != null) {
            out.println(line);
            out.flush();
        }
    }
}
