package io.pgdbm.junit.internal.server;

import io.pgdbm.junit.PostgresServer;
import io.pgdbm.junit.PostgresUnavailableException;
import io.pgdbm.junit.ProviderSettings;

/** One way of obtaining a PostgreSQL server. */
interface Provider {

    /** {@code "url"}, {@code "local"}, {@code "docker"} or {@code "embedded"}. */
    String name();

    /**
     * Starts (or connects to) a server.
     *
     * @throws PostgresUnavailableException saying why this provider cannot supply one
     */
    PostgresServer start(ProviderSettings settings);
}
