package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import java.sql.SQLException;

/** An existing server named by {@code pgdbm.test.url}; nothing is started, so nothing is stopped. */
final class UrlProvider implements Provider {

    @Override
    public ServerProvider kind() {
        return ServerProvider.URL;
    }

    @Override
    public PostgresServer start(ProviderSettings settings) {
        String url = settings.url().orElseThrow(() -> new PostgresUnavailableException(
                "no URL configured (set " + ProviderSettings.URL_KEY + " or "
                        + ProviderSettings.environmentName(ProviderSettings.URL_KEY) + ")"));
        if (!settings.serverSettings().isEmpty() || !settings.pgHbaLines().isEmpty()) {
            throw new PostgresUnavailableException("an existing server at " + ServerUrl.mask(url)
                    + " cannot take extra server settings or pg_hba lines; use the local provider for those");
        }
        ServerUrl parsed;
        try {
            parsed = ServerUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new PostgresUnavailableException(e.getMessage(), e);
        }
        try {
            return StartedServer.builder(kind())
                    .address(parsed.host(), parsed.port())
                    .credentials(parsed.user(), parsed.password())
                    .adminDatabase(parsed.database())
                    .connect();
        } catch (SQLException e) {
            throw new PostgresUnavailableException("cannot connect to " + ServerUrl.mask(url) + " (SQLState "
                    + e.getSQLState() + "): " + e.getMessage() + "; check that the server runs and "
                    + ProviderSettings.URL_KEY + " is right", e);
        }
    }
}
