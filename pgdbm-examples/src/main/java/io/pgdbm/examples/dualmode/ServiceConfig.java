package io.pgdbm.examples.dualmode;

import java.util.Objects;

/**
 * What a standalone {@link ServiceApp} needs to open its own pool; ignored in library mode.
 *
 * <pre>{@code
 * ServiceConfig config = new ServiceConfig("postgresql://localhost/my_service", "my_service", 2, 10);
 * }</pre>
 *
 * @param databaseUrl    the database the service owns
 * @param databaseSchema the schema of its tables when {@code createApp} is given none
 * @param minConnections the pool's floor
 * @param maxConnections the pool's ceiling
 */
public record ServiceConfig(String databaseUrl, String databaseSchema, int minConnections, int maxConnections) {
    public ServiceConfig {
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(databaseSchema, "databaseSchema");
    }

    /** The service at {@code databaseUrl} in schema {@code my_service}, with 1 to 10 connections. */
    public static ServiceConfig of(String databaseUrl) {
        return new ServiceConfig(databaseUrl, ServiceApp.DEFAULT_SCHEMA, 1, 10);
    }
}
