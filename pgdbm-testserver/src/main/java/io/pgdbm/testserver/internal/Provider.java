package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;

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
