package io.pgdbm.cli;

import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import io.pgdbm.internal.Identifiers;
import java.util.Optional;

/**
 * {@code migrate repair}: stores a file's new checksum in the module's history row, or removes the row. The row's
 * {@code applied_by} gets {@code " (repaired by <user> <time>)"} appended, so the history shows the file was
 * accepted as edited.
 *
 * <pre>{@code
 * new HistoryRepair(pool, "billing", "schema_migrations").remove("billing", "003_renamed.sql");
 * }</pre>
 */
final class HistoryRepair {
    private final DatabaseManager db;
    private final String table;

    HistoryRepair(SharedPool pool, String schema, String migrationsTable) {
        this.db = new DatabaseManager(pool, schema);
        this.table = Identifiers.quote(schema, "schema") + '.' + Identifiers.require(migrationsTable, "migrations table");
    }

    Optional<String> storedChecksum(String module, String file) {
        if (!db.fetchValue(Boolean.class, "SELECT to_regclass($1) IS NOT NULL", table)) {
            return Optional.empty();
        }
        return db.fetchOne(String.class, "SELECT checksum FROM " + table + " WHERE filename = $1 AND module_name = $2",
                file, module);
    }

    /** Deletes the module's entry for {@code file} (never a legacy row without a module). */
    void remove(String module, String file) {
        db.execute("DELETE FROM " + table + " WHERE filename = $1 AND module_name = $2", file, module);
    }

    void accept(String module, String file, String checksum) {
        db.execute("UPDATE " + table + " SET checksum = $1, applied_by = left(coalesce(applied_by, '?') || ' (repaired by '"
                + " || current_user || ' ' || to_char(now(), 'YYYY-MM-DD HH24:MI') || ')', 100)"
                + " WHERE filename = $2 AND module_name = $3", checksum, file, module);
    }
}
