package io.pgdbm.cli;

import io.pgdbm.SharedPool;
import io.pgdbm.migration.MigrationException;
import io.pgdbm.migration.MigrationListener;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import io.pgdbm.migration.Module;
import io.pgdbm.migration.ModuleSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Applies (or plans) the migrations of several modules in order, each into its own schema, printing a line per
 * file as soon as it is applied, a line while another runner holds a module's lock, and a summary. The results
 * (also a failed module's partial one) go into the JSON object's {@code modules} as they come. Shared by
 * {@code migrate apply}, {@code migrate verify} and {@code dev}.
 *
 * <pre>{@code
 * List<MigrationResult> results = new ModuleMigrator(project, pool, root.output()).apply(project.modulesInOrder());
 * }</pre>
 */
final class ModuleMigrator {
    private final Project project;
    private final SharedPool pool;
    private final Output output;
    private final List<Map<String, Object>> reported = new ArrayList<>();

    ModuleMigrator(Project project, SharedPool pool, Output output) {
        this.project = project;
        this.pool = pool;
        this.output = output;
        output.put("modules", reported);
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
            results = runner(modules, options).onResult(r -> {
                reported.add(Json.result(r));
                if (r.status() == MigrationResult.Status.UP_TO_DATE) {
                    output.progress("  · " + r.module() + ": up to date (schema " + r.schema() + ")");
                }
            }).migrate();
        } catch (MigrationException e) {
            if (e.partialResult() != null) {
                reported.add(Json.result(e.partialResult()));
            }
            output.result("  ✗ " + e.module() + ": " + (e.file() != null ? e.file() : "migrations") + " failed");
            throw e;
        }
        int files = results.stream().mapToInt(r -> r.applied().size()).sum();
        Duration time = results.stream().map(MigrationResult::totalTime).reduce(Duration.ZERO, Duration::plus);
        output.result(files == 0 ? "✓ No pending migrations (" + modules.size() + " module(s))"
                : "✓ Applied " + files + " migration(s) in " + modules.size() + " module(s) (" + time.toMillis() + " ms)");
        return results;
    }

    /** What {@link #apply} would do, changing nothing. */
    List<MigrationResult> plan(List<ModuleConfig> modules, BiConsumer<Module, MigrationManager.Builder> options) {
        modules.forEach(project::requireLocation);
        List<MigrationResult> results = runner(modules, options).plan();
        for (MigrationResult plan : results) {
            reported.add(Json.result(plan));
            if (plan.pending().isEmpty()) {
                output.result("  · " + plan.module() + ": no pending migrations (schema " + plan.schema() + ")");
            } else {
                output.result("  " + plan.module() + ": would apply " + plan.pending().size() + " migration(s) into schema "
                        + plan.schema() + ":");
                plan.pending().forEach(f -> output.result("    - " + f));
            }
        }
        int pending = results.stream().mapToInt(r -> r.pending().size()).sum();
        output.result("Dry run: " + pending + " migration(s) pending; nothing was changed");
        return results;
    }

    /** The modules' run, reporting each file and lock wait as it happens. */
    ModuleSet.Runner runner(List<ModuleConfig> modules, BiConsumer<Module, MigrationManager.Builder> options) {
        return project.moduleRunner(pool, modules, (m, b) -> {
            b.listener(progress);
            options.accept(m, b);
        });
    }

    /** Each file's line when it is committed, not when its module ends. */
    private final MigrationListener progress = new MigrationListener() {
        @Override
        public void fileApplied(String module, MigrationResult.AppliedFile file) {
            output.progress("  ✓ " + module + ": " + file.filename() + " (" + file.executionTime().toMillis() + " ms)");
        }

        @Override
        public void waitingForLock(String module, String holder) {
            output.notice("  … " + module + ": waiting for the migration lock held by " + holder);
        }
    };
}
