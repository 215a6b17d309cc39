package io.pgdbm.migration;

import java.util.List;
import java.util.Objects;

/**
 * Where one module of a {@link ModuleSet} stands: what the history records, what is pending, which applied files were
 * edited since and which recorded files are gone. Computed by {@link ModuleSet#status}, changing nothing.
 *
 * <pre>{@code
 * for (ModuleStatus s : modules.status(pool)) {
 *     System.out.printf("%s (schema %s): %d applied, pending %s%n", s.module(), s.schema(), s.applied().size(), s.pending());
 *     if (!s.modified().isEmpty()) {
 *         System.out.println("  edited after they were applied: " + s.modified());
 *     }
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param module       the module name
 * @param schema       the schema it lives in ({@code public} for a module without one)
 * @param applied      the history rows visible to the module (its own and legacy rows), by file name
 * @param pending      files not applied yet, in order
 * @param modified     applied files whose content changed since (checksum drift), in order
 * @param missingFiles recorded files no longer present in the module's locations
 */
public record ModuleStatus(String module, String schema, List<AppliedMigration> applied, List<String> pending,
                           List<String> modified, List<String> missingFiles) {
    public ModuleStatus {
        Objects.requireNonNull(module, "module");
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
        modified = List.copyOf(modified);
        missingFiles = List.copyOf(missingFiles);
    }

    /** Whether an applied file was edited after it was applied. */
    public boolean hasDrift() {
        return !modified.isEmpty();
    }
}
