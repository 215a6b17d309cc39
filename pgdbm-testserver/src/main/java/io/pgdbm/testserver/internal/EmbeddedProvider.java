package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * zonky's embedded PostgreSQL, from binaries in a Maven artifact: works with nothing installed. Its data
 * directory lives in this JVM's run directory so the crash sweep covers it.
 */
final class EmbeddedProvider implements Provider {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedProvider.class);

    private final ClusterDirectories directories;

    EmbeddedProvider(ClusterDirectories directories) {
        this.directories = directories;
    }

    @Override
    public ServerProvider kind() {
        return ServerProvider.EMBEDDED;
    }

    @Override
    public PostgresServer start(ProviderSettings settings) {
        long started = System.nanoTime();
        directories.sweep();
        Path dataDir;
        try {
            dataDir = directories.newClusterDirectory("embedded");
        } catch (IOException e) {
            throw new PostgresUnavailableException("cannot create a data directory under " + directories.root()
                    + ": " + e.getMessage(), e);
        }
        EmbeddedPostgres postgres = null;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // StartedServer stops it at JVM exit; a second hook of zonky's own would log a failed stop
                    .setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", Integer.toString(settings.maxConnections()));
            settings.serverSettings().forEach(builder::setServerConfig);
            if (!settings.pgHbaLines().isEmpty()) {
                builder.setDataDirectoryCustomizer(dir -> {
                    try {
                        PgHbaFile.prepend(dir.toPath(), settings.pgHbaLines());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            postgres = builder.start();
            EmbeddedPostgres running = postgres;
            StartedServer server = StartedServer.builder(kind())
                    .address("localhost", postgres.getPort())
                    .credentials("postgres", Optional.empty())
                    .stop(() -> stop(running, dataDir))
                    .connect();
            LOG.debug("pgdbm: embedded server in {} ready in {} ms", dataDir, LocalProvider.millisSince(started));
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            if (postgres != null) {
                stop(postgres, dataDir);
            } else {
                directories.release(dataDir);
            }
            throw new PostgresUnavailableException("could not start embedded PostgreSQL in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    private void stop(EmbeddedPostgres postgres, Path dataDir) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("pgdbm: stopping embedded PostgreSQL in {} failed: {}", dataDir, e.toString());
        }
        directories.release(dataDir);
    }
}
