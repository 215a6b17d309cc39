package io.pgdbm.testserver;

import java.util.Optional;

/**
 * A running PostgreSQL server that tests may create and drop databases on.
 *
 * <p>Closing it stops whatever the provider started (a local cluster, an embedded server, a container);
 * for the {@code url} provider it does nothing. {@code close()} is idempotent. Instances are thread-safe.
 *
 * <pre>{@code
 * try (PostgresServer server = PostgresServers.start(ProviderSettings.fromEnvironment())) {
 *     try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), "")) {
 *         ...
 *     }
 * }
 * }</pre>
 */
public interface PostgresServer extends AutoCloseable {

    /** Which provider supplied this server: never {@link ServerProvider#AUTO}. */
    ServerProvider provider();

    String host();

    int port();

    /** A user allowed to create and drop databases. */
    String user();

    Optional<String> password();

    /** A database to connect to for {@code CREATE DATABASE} and {@code DROP DATABASE}, e.g. {@code "postgres"}. */
    String adminDatabase();

    /** {@code jdbc:postgresql://host:port/database}; never contains the password. */
    String jdbcUrl(String database);

    /** {@code postgresql://user[:password]@host:port/database} with user, password and database %-encoded. */
    String url(String database);

    /** The server's {@code server_version_num}, e.g. {@code 150020}. */
    int serverVersionNum();

    /** The server's version, e.g. {@code "15.20"}. */
    String serverVersion();

    @Override
    void close();
}
