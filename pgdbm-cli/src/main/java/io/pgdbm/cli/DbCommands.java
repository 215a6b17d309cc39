package io.pgdbm.cli;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.PoolStats;
import io.pgdbm.Row;
import io.pgdbm.SharedPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pgdbm db ...}: the environment's database itself. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database management commands.",
        footer = ExitCodes.HELP_FOOTER)
final class DbCommands {

    @ParentCommand
    PgdbmCommand root;

    @Command(name = "create", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER, description = "Create the environment's database if it does not exist.")
    int create(@Option(names = {"-y", "--yes", "--confirm"}, hidden = true,
            description = "Accepted for compatibility: creating asks nothing.") boolean yes) {
        DatabaseConfig config = root.target();
        boolean created = AdminDatabase.createIfMissing(config);
        root.output().put("database", config.database());
        root.output().put("created", created);
        root.output().result(created ? "✓ Created database '" + config.database() + "'"
                : "Database '" + config.database() + "' already exists");
        return ExitCodes.OK;
    }

    @Command(name = "drop", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER, description = "Drop the environment's database (asks first).")
    int drop(@Option(names = {"-y", "--yes", "--confirm"}, description = "Do not ask for confirmation.") boolean yes) {
        Project project = root.project();
        DatabaseConfig config = root.target();
        root.confirm("Drop database '" + config.database() + "' of environment '" + project.environmentName()
                + "' (" + config.maskedUrl() + ")? This cannot be undone.", yes);
        boolean dropped = AdminDatabase.drop(config);
        root.output().put("database", config.database());
        root.output().put("dropped", dropped);
        root.output().result(dropped ? "✓ Dropped database '" + config.database() + "'"
                : "Database '" + config.database() + "' does not exist");
        return ExitCodes.OK;
    }

    @Command(name = "reset", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER, description = "Drop and re-create the environment's database (asks first).")
    int reset(@Option(names = {"-y", "--yes", "--confirm"}, description = "Do not ask for confirmation.") boolean yes) {
        DatabaseConfig config = recreate(root, yes);
        root.output().put("database", config.database());
        root.output().result("✓ Database '" + config.database() + "' reset (empty)");
        return ExitCodes.OK;
    }

    /** Asks (unless {@code yes}), then drops and re-creates the selected environment's database; shared by dev reset. */
    static DatabaseConfig recreate(PgdbmCommand root, boolean yes) {
        Project project = root.project();
        DatabaseConfig config = root.target();
        root.confirm("Reset database '" + config.database() + "' of environment '" + project.environmentName()
                + "'? All its data is deleted.", yes);
        AdminDatabase.recreate(config);
        return config;
    }

    @Command(name = "test-connection", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER, description = "Connect once and show the server.")
    int testConnection() {
        DatabaseConfig config = root.target();
        try (SharedPool pool = SharedPool.create(config)) {
            DatabaseManager db = new DatabaseManager(pool);
            Row row = db.fetchOne("SELECT current_setting('server_version') AS version, current_database() AS db, "
                    + "pg_size_pretty(pg_database_size(current_database())) AS size, current_user AS who").orElseThrow();
            Output out = root.output();
            out.put("serverVersion", row.getString("version"));
            out.put("database", row.getString("db"));
            out.put("size", row.getString("size"));
            out.put("user", row.getString("who"));
            out.result("✓ Connection successful: " + config.maskedUrl());
            out.result("  PostgreSQL: " + row.getString("version"));
            out.result("  Database:   " + row.getString("db") + " (" + row.getString("size") + ")");
            out.result("  User:       " + row.getString("who"));
        }
        return ExitCodes.OK;
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Database size, version, schemas and the pool.")
    int info() {
        Project project = root.project();
        DatabaseConfig config = root.target();
        try (SharedPool pool = SharedPool.create(config)) {
            DatabaseManager db = new DatabaseManager(pool);
            Output out = root.output();
            Row row = db.fetchOne("SELECT current_database() AS db, pg_size_pretty(pg_database_size(current_database())) AS size, "
                    + "current_setting('server_version') AS version").orElseThrow();
            out.result("Environment: " + project.environmentName());
            out.result("Database:    " + row.getString("db") + " (" + config.maskedUrl() + ")");
            out.result("Size:        " + row.getString("size"));
            out.result("Version:     " + row.getString("version"));
            out.result("");
            out.result("Schemas:");
            List<Map<String, Object>> schemas = new ArrayList<>();
            for (Row s : SchemaCommands.userSchemas(db)) {
                out.result("  - " + s.getString("name") + " (" + s.getLong("tables") + " tables)");
                schemas.add(Map.of("name", s.getString("name"), "tables", s.getLong("tables")));
            }
            PoolStats stats = pool.stats();
            out.result("");
            out.result("Connection pool: " + stats.total() + " open, " + stats.idle() + " idle, min " + stats.min()
                    + ", max " + stats.max());
            out.put("database", row.getString("db"));
            out.put("size", row.getString("size"));
            out.put("serverVersion", row.getString("version"));
            out.put("schemas", schemas);
        }
        return ExitCodes.OK;
    }
}
