package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;

/** One way of obtaining a PostgreSQL server. */
interface Provider {

    /** Which provider this is; never {@link ServerProvider#AUTO}. */
    ServerProvider kind();

    /**
     * Starts (or connects to) a server.
     *
     * @throws PostgresUnavailableException saying why this provider cannot supply one
     */
    PostgresServer start(ProviderSettings settings);
}
