package io.pgdbm.cli;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import io.pgdbm.internal.Identifiers;
import java.util.function.Function;

/**
 * Work on a server's maintenance database ({@code postgres}): creating and dropping the environment's database.
 *
 * <pre>{@code
 * boolean created = AdminDatabase.createIfMissing(config);
 * }</pre>
 */
final class AdminDatabase {
    private static final java.util.Set<String> SYSTEM_DATABASES = java.util.Set.of("postgres", "template0", "template1");

    private AdminDatabase() {
    }

    static <T> T with(DatabaseConfig target, Function<DatabaseManager, T> work) {
        DatabaseConfig admin = target.toBuilder().database("postgres").minConnections(0).maxConnections(1).build();
        try (SharedPool pool = SharedPool.create(admin)) {
            return work.apply(new DatabaseManager(pool));
        }
    }

    static boolean exists(DatabaseManager admin, String database) {
        return admin.fetchValue(Boolean.class, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", database);
    }

    /** Creates the config's database unless it exists; returns whether it was created. */
    static boolean createIfMissing(DatabaseConfig target) {
        String name = requireName(target.database());
        return with(target, admin -> {
            if (exists(admin, name)) {
                return false;
            }
            admin.execute("CREATE DATABASE " + Identifiers.quote(name, "database"));
            return true;
        });
    }

    /** Drops the database when it exists and creates it empty. */
    static void recreate(DatabaseConfig config) {
        drop(config);
        createIfMissing(config);
    }

    /** Ends the database's other sessions and drops it; returns whether it existed. */
    static boolean drop(DatabaseConfig target) {
        String name = requireName(target.database());
        if (SYSTEM_DATABASES.contains(name)) {
            throw new CliException(ExitCodes.FAILURE, "Refusing to drop the system database '" + name + "'");
        }
        return with(target, admin -> {
            if (!exists(admin, name)) {
                return false;
            }
            admin.fetchAll("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", name);
            admin.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name, "database"));
            return true;
        });
    }

    private static String requireName(String database) {
        if (!Identifiers.isValid(database)) {
            throw CliException.config("Database name '" + database + "' is not a plain identifier (letters, digits, _); "
                    + "pgdbm creates and drops only such databases");
        }
        return database;
    }
}
