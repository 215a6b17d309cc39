package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private throwaway cluster from installed PostgreSQL binaries: a copy of the cached pristine data directory
 * (or {@code initdb}) into this JVM's run directory, {@code pg_ctl start} on a free port, listening on 127.0.0.1
 * only, tuned for tests. With {@code pgdbm.test.reuse=true} a {@link ReusedCluster} instead, which outlives the JVM.
 */
final class LocalProvider implements Provider {

    static final String SUPERUSER = PrivateCluster.SUPERUSER;

    private static final Logger LOG = LoggerFactory.getLogger(LocalProvider.class);

    private final ClusterDirectories directories;

    LocalProvider(ClusterDirectories directories) {
        this.directories = directories;
    }

    @Override
    public ServerProvider kind() {
        return ServerProvider.LOCAL;
    }

    @Override
    public PostgresServer start(ProviderSettings settings) {
        Path bin;
        try {
            bin = PgBinaries.find(settings.localBinDir());
        } catch (IOException e) {
            throw new PostgresUnavailableException(e.getMessage(), e);
        }
        if (settings.reuse()) {
            return ReusedCluster.attach(kind(), bin, settings);
        }
        return startThrowaway(kind(), bin, settings, directories);
    }

    /**
     * A cluster from {@code bin} in a new directory of this JVM's run directory, stopped and deleted on close; the
     * one way both the {@code local} and the {@code embedded} provider start a cluster that does not outlive the JVM.
     */
    static PostgresServer startThrowaway(ServerProvider kind, Path bin, ProviderSettings settings,
            ClusterDirectories directories) {
        long started = System.nanoTime();
        directories.sweep();
        RunAs runAs;
        Path clusterDir;
        Optional<InitdbCache> cache;
        try {
            runAs = kind == ServerProvider.EMBEDDED ? RunAs.forEmbeddedCluster(settings.localUser())
                    : RunAs.forLocalCluster(settings.localUser());
            cache = settings.initdbCache() ? Optional.of(InitdbCache.under(InitdbCache.cacheRoot(settings)))
                    : Optional.empty();
            clusterDir = directories.newClusterDirectory(kind.key());
        } catch (IOException e) {
            throw new PostgresUnavailableException(e.getMessage(), e);
        }
        PrivateCluster cluster = new PrivateCluster(bin, runAs, clusterDir);
        Runnable stopAndDelete = () -> {
            cluster.stop();
            directories.release(clusterDir);
        };
        try {
            runAs.takeOwnership(clusterDir);
            long createStart = System.nanoTime();
            String how = cluster.createDataDirectory(cache, settings.pgHbaLines());
            long createMillis = millisSince(createStart);
            long startStart = System.nanoTime();
            int port = cluster.start(cluster.serverOptions(settings));
            long startMillis = millisSince(startStart);
            StartedServer server = StartedServer.builder(kind)
                    .address("127.0.0.1", port)
                    .credentials(SUPERUSER, Optional.empty())
                    .stop(stopAndDelete)
                    .connect();
            LOG.debug("pgdbm: {} cluster in {} from {} ready in {} ms (data directory {} in {} ms, pg_ctl start {} ms)",
                    kind, clusterDir, bin, millisSince(started), how, createMillis, startMillis);
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            stopAndDelete.run();
            throw new PostgresUnavailableException("could not start a " + kind + " cluster with " + bin + " in "
                    + clusterDir + ": " + e.getMessage(), e);
        }
    }

    static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
