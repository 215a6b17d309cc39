package io.pgdbm.migration;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The second JVM of the concurrency test (args: url, location, module, schema): connects, prints {@code READY}, waits for a line on stdin, migrates,
 * and prints {@code STATUS <status> <applied files>}.
 */
public final class ConcurrentMigrationMain {
    private ConcurrentMigrationMain() {
    }

    public static void main(String[] args) throws Exception {
        DatabaseConfig config = DatabaseConfig.fromUrl(args[0]).toBuilder().schema(args[3]).minConnections(1).maxConnections(2).build();
        try (DatabaseManager db = new DatabaseManager(config)) {
            db.connect();
            MigrationManager manager = new MigrationManager(db, args[1], args[2]);
            System.out.println("READY");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            MigrationResult result = manager.applyPending();
            System.out.println("STATUS " + result.status() + " " + String.join(",", result.appliedFilenames()));
        }
    }
}
