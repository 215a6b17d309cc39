package io.pgdbm.cli;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import java.security.SecureRandom;

/**
 * The throwaway database of {@code migrate verify}: on a server given by URL, or on one started for the run by
 * pgdbm-testserver's providers; dropped (and the server stopped) on close.
 */
final class VerifyRun implements AutoCloseable {
    private final PostgresServer server; // null when given a URL
    private final DatabaseConfig database;
    private final String provider;

    private VerifyRun(PostgresServer server, DatabaseConfig database, String provider) {
        this.server = server;
        this.database = database;
        this.provider = provider;
    }

    static VerifyRun start(String url, String provider) {
        String name = "pgdbm_verify_" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
        if (url != null) {
            DatabaseConfig db = DatabaseConfig.fromUrl(url).toBuilder().database(name).build();
            AdminDatabase.createIfMissing(db);
            return new VerifyRun(null, db, "url");
        }
        PostgresServer server = PostgresServers.start(ProviderSettings.builder().provider(ServerProvider.parse(provider)).build());
        try {
            DatabaseConfig db = DatabaseConfig.fromUrl(server.url(name));
            AdminDatabase.createIfMissing(db);
            return new VerifyRun(server, db, server.provider().key());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    String url() {
        return database.toUrl();
    }

    String maskedUrl() {
        return database.maskedUrl();
    }

    String provider() {
        return provider;
    }

    @Override
    public void close() {
        try {
            AdminDatabase.drop(database);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
