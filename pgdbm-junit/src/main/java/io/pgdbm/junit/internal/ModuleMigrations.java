package io.pgdbm.junit.internal;

import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import io.pgdbm.internal.Identifiers;
import io.pgdbm.migration.Migration;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Applies modules' migrations into a database: each module into its schema, in dependency order. */
public final class ModuleMigrations {

    private ModuleMigrations() {
    }

    /**
     * Migrates every module over {@code pool}; {@code schemas} maps module name to the schema it goes into
     * ({@code null}: {@code public}). Returns each module's manager, keyed by module name.
     */
    public static Map<String, DatabaseManager> apply(SharedPool pool, Iterable<ModuleSpec> modules, Map<String, String> schemas)
            throws SQLException {
        return apply(pool, modules, schemas, MigrationManager::discover);
    }

    /** {@link #apply(SharedPool, Iterable, Map)} taking each location's files from {@code files} (e.g. a cache). */
    public static Map<String, DatabaseManager> apply(SharedPool pool, Iterable<ModuleSpec> modules, Map<String, String> schemas,
                                                     Function<String, List<Migration>> files) throws SQLException {
        Map<String, DatabaseManager> managers = new LinkedHashMap<>();
        for (ModuleSpec m : modules) {
            String schema = schemas.get(m.name());
            DatabaseManager db = schema == null ? new DatabaseManager(pool) : new DatabaseManager(pool, schema);
            boolean applied = false;
            for (String location : m.locations()) {
                // applying creates the schema with the history table
                applied |= new MigrationManager(db, location, m.name()).applyPending(files.apply(location)).status()
                        == MigrationResult.Status.SUCCESS;
            }
            if (schema != null && !applied) { // a module without files still gets its schema
                try (Connection c = pool.dataSource().getConnection(); Statement st = c.createStatement()) {
                    st.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema, "schema"));
                }
            }
            managers.put(m.name(), db);
        }
        return managers;
    }
}
