/**
 * Per-module SQL migrations, compatible with Python pgdbm's history table, checksum, module names and lock key.
 *
 * <pre>{@code
 * try (DatabaseManager db = new DatabaseManager(config)) {
 *     db.connect();
 *     MigrationResult result = new MigrationManager(db, "classpath:db/migrations/orders", "orders").applyPending();
 * }
 * }</pre>
 *
 * <p>{@link io.pgdbm.migration.MigrationManager} is the entry point for one module;
 * {@link io.pgdbm.migration.ModuleSet} composes several {@link io.pgdbm.migration.Module}s in dependency order, each
 * in its schema. {@link io.pgdbm.migration.MigrationResult}, {@link io.pgdbm.migration.Migration},
 * {@link io.pgdbm.migration.MigrationVersion}, {@link io.pgdbm.migration.ModuleStatus} and
 * {@link io.pgdbm.migration.AppliedMigration} are values;
 * failures are {@link io.pgdbm.migration.MigrationException}s. Where this package deliberately differs from the
 * original (ordering by numeric version, failures thrown, lock polling with a wait timeout, no 60 s statement
 * timeout, schema creation, non-transactional statements detected up front) is described on
 * {@code MigrationManager} and in the project's DECISIONS.md.
 */
package io.pgdbm.migration;
