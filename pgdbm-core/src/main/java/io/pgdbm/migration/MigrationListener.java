package io.pgdbm.migration;

/**
 * Hears what a {@link MigrationManager} does while it applies files, as it happens: each file when it is recorded,
 * and a wait for another runner's lock. Both methods do nothing by default; implement the ones you need.
 * Called on the migrating thread; keep the work short (print a line, count, log).
 *
 * <pre>{@code
 * MigrationManager migrations = MigrationManager.builder(db, "classpath:db/migrations/orders")
 *         .moduleName("orders")
 *         .listener(new MigrationListener() {
 *             public void fileApplied(String module, MigrationResult.AppliedFile file) {
 *                 System.out.println(module + ": " + file.filename() + " (" + file.executionTime().toMillis() + " ms)");
 *             }
 *         })
 *         .build();
 * }</pre>
 */
public interface MigrationListener {

    /** A file was applied and its history row committed. */
    default void fileApplied(String module, MigrationResult.AppliedFile file) {
    }

    /**
     * The module's migration lock is held by another session; the manager keeps polling until its lock wait timeout.
     * Called once per wait.
     *
     * @param holder who holds it, e.g. {@code "pid 4242 (application 'orders-service', since 2026-01-05T10:00:00Z)"}
     */
    default void waitingForLock(String module, String holder) {
    }
}
