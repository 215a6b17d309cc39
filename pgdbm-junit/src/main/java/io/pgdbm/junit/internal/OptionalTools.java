package io.pgdbm.junit.internal;

import io.pgdbm.PgdbmException;

/**
 * Checks that a migration tool pgdbm-junit depends on optionally (Flyway, Liquibase) is on the class path before
 * any class that links against it is loaded, so that its absence is a message naming the dependency to add rather
 * than a {@code NoClassDefFoundError}.
 */
public final class OptionalTools {

    private OptionalTools() {
    }

    /** Flyway's core and its PostgreSQL support. */
    public static void requireFlyway() {
        require("org.flywaydb.core.Flyway", "Flyway", "org.flywaydb:flyway-core");
        require("org.flywaydb.database.postgresql.PostgreSQLDatabaseType", "Flyway's PostgreSQL support",
                "org.flywaydb:flyway-database-postgresql");
    }

    public static void requireLiquibase() {
        require("liquibase.command.CommandScope", "Liquibase", "org.liquibase:liquibase-core");
    }

    private static void require(String className, String tool, String coordinates) {
        try {
            Class.forName(className, false, OptionalTools.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PgdbmException(tool + " is not on the class path (" + className + " not found): add the"
                    + " test-scoped dependency " + coordinates + " to the build, e.g. <dependency><groupId>"
                    + coordinates.substring(0, coordinates.indexOf(':')) + "</groupId><artifactId>"
                    + coordinates.substring(coordinates.indexOf(':') + 1) + "</artifactId><scope>test</scope>"
                    + "</dependency> (pgdbm-junit declares it optional, so it does not bring it along)");
        }
    }
}
