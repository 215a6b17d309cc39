package io.pgdbm.cli;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.TestDatabase;
import java.util.UUID;

/** Throwaway databases for the CLI's tests, on pgdbm-core's test server ({@link TestDatabase#server()}). */
final class TestDatabases {
    private TestDatabases() {
    }

    static DatabaseConfig server() {
        return TestDatabase.server();
    }

    static DatabaseConfig create(String prefix) {
        String name = "pgdbm_" + prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestDatabase.execute(server(), "CREATE DATABASE " + name);
        return server().toBuilder().database(name).minConnections(0).maxConnections(5).build();
    }

    static void drop(DatabaseConfig config) {
        TestDatabase.execute(server(), "DROP DATABASE IF EXISTS " + config.database() + " WITH (FORCE)");
    }
}
