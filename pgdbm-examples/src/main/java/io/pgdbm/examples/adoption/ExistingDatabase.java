package io.pgdbm.examples.adoption;

import io.pgdbm.DatabaseManager;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;

/**
 * Bringing a database that already exists under pgdbm, the way Flyway users do it: a baseline records the files the
 * database already reflects, a target version rolls out part of a release, and out-of-order runs accept a file
 * merged late from a branch.
 *
 * <pre>{@code
 * // the database was built with psql up to 004_x.sql; pgdbm takes over from 005
 * ExistingDatabase.adopt(db, "classpath:db/migrations/orders", "orders", "4");
 * }</pre>
 */
public final class ExistingDatabase {
    private ExistingDatabase() {
    }

    // snippet:adopt
    /** Records the files up to {@code version} as applied without running them (once), then applies the rest. */
    public static MigrationResult adopt(DatabaseManager db, String location, String module, String version) {
        MigrationManager migrations = new MigrationManager(db, location, module);
        if (migrations.applied().isEmpty()) {
            migrations.baseline(version);   // refused when the history already has rows
        }
        return migrations.applyPending();
    }
    // end:adopt

    // snippet:target
    /** Applies the pending files up to and including {@code version}, e.g. the first half of a two-step change. */
    public static MigrationResult applyUpTo(DatabaseManager db, String location, String module, String version) {
        return MigrationManager.builder(db, location)
                .moduleName(module)
                .target(version)
                .build()
                .applyPending();
    }
    // end:target

    // snippet:out-of-order
    /** Applies every pending file, also one numbered below files already applied (merged late from a branch). */
    public static MigrationResult applyLateFiles(DatabaseManager db, String location, String module) {
        return MigrationManager.builder(db, location)
                .moduleName(module)
                .outOfOrder(true)   // default false: such a file is refused, naming it and the applied one
                .build()
                .applyPending();
    }
    // end:out-of-order
}
