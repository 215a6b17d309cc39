package io.pgdbm.migration;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link MigrationManager#applyPending()}, {@link MigrationManager#plan()} or
 * {@link MigrationManager#baseline(String)} did or would do.
 *
 * <pre>{@code
 * MigrationResult result = migrations.applyPending();
 * if (result.status() == MigrationResult.Status.SUCCESS) {
 *     log.info("applied {} in {} ms", result.appliedFilenames(), result.totalTime().toMillis());
 * }
 * MigrationResult plan = migrations.plan();   // status DRY_RUN, nothing changed
 * plan.pending();                             // the files applyPending() would apply, in order
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param status    the outcome
 * @param module    the module name
 * @param schema    the manager's schema, or {@code null} for an owning manager without one (search path)
 * @param applied   the files applied by this call (for a baseline: recorded), in order, with their execution times
 * @param skipped   the files already recorded as applied for this module (including legacy rows without a module)
 * @param pending   for {@link Status#DRY_RUN} the files that would be applied; for {@link Status#FAILED} the files
 *                  not applied (the failed one first); otherwise empty
 * @param total     applied-before plus applied-now (plus pending for a dry run), as the original counts
 * @param totalTime the sum of the applied files' execution times
 */
public record MigrationResult(Status status, String module, String schema, List<AppliedFile> applied,
                              List<String> skipped, List<String> pending, int total, Duration totalTime) {

    /** The outcome of a migration run. */
    public enum Status {
        /** At least one file was applied and all pending files succeeded. */
        SUCCESS,
        /** Nothing was pending; nothing was changed and no lock was taken. */
        UP_TO_DATE,
        /** A {@link MigrationManager#plan()}: {@link #pending()} lists what would run; nothing was changed. */
        DRY_RUN,
        /**
         * A file failed; only seen in {@link MigrationException#partialResult()}. Fix the file named by the
         * exception (for a no-transaction file, undo or make idempotent the statements before the failed one)
         * and run again.
         */
        FAILED,
        /**
         * A {@link MigrationManager#baseline(String)}: {@link #applied()} lists the files recorded as applied without
         * running them.
         */
        BASELINED
    }

    /**
     * One file applied by this run.
     *
     * @param filename      the file name
     * @param executionTime the time it took, as recorded in the history table (whole ms, at least 1 ms)
     */
    public record AppliedFile(String filename, Duration executionTime) {
        public AppliedFile {
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(executionTime, "executionTime");
        }
    }

    public MigrationResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(module, "module");
        applied = List.copyOf(applied);
        skipped = List.copyOf(skipped);
        pending = List.copyOf(pending);
        Objects.requireNonNull(totalTime, "totalTime");
    }

    /** The names of the files applied by this run, in order. */
    public List<String> appliedFilenames() {
        return applied.stream().map(AppliedFile::filename).toList();
    }
}
