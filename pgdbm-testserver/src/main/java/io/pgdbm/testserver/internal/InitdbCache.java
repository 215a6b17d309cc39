package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.ProviderSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pristine initdb'd data directories, one per binaries and initdb identity, in {@code <cache root>/initdb/<key>/data}.
 * initdb costs about a second; a private cluster copies the pristine directory instead. Each one is built in a
 * temporary directory and renamed into place, so a reader sees a complete directory or none, and two JVMs building
 * at once both succeed (the second rename loses and its copy is deleted). Thread-safe.
 */
final class InitdbCache {

    private static final Logger LOG = LoggerFactory.getLogger(InitdbCache.class);
    /** Bumped when the initdb arguments or the layout change, so older entries are not used. */
    private static final String FORMAT = "initdb -U postgres -A trust -E UTF8 --no-locale --no-sync; v1";
    private static final Duration ABANDONED_BUILD_AGE = Duration.ofHours(1);

    private final Path cacheRoot;
    private final Path root;
    private final ClusterDirectories tree;

    private InitdbCache(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
        this.root = cacheRoot.resolve("initdb");
        this.tree = new ClusterDirectories(cacheRoot);
    }

    static InitdbCache under(Path cacheRoot) {
        return new InitdbCache(cacheRoot);
    }

    /**
     * The per-user cache root: {@code pgdbm.test.cache.dir} when set, else {@code pgdbm-cache-<user>} in the base of
     * the cluster directories (RAM-backed {@code /dev/shm} when it has room), created if missing.
     *
     * @throws IOException when it cannot be created, or belongs to another user
     */
    static Path cacheRoot(ProviderSettings settings) throws IOException {
        Path root = settings.cacheDir().orElseGet(() -> settings.clusterDir().orElseGet(ClusterDirectories::defaultBase)
                .resolve("pgdbm-cache-" + System.getProperty("user.name"))).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root);
            // a root JVM runs PostgreSQL as an unprivileged user, who must reach the directories below
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        String owner = Files.getOwner(root, LinkOption.NOFOLLOW_LINKS).getName();
        if (Files.isSymbolicLink(root) || !owner.equals(System.getProperty("user.name"))) {
            throw new IOException("the pgdbm cache directory " + root + " belongs to '" + owner + "', not to '"
                    + System.getProperty("user.name") + "' (or is a link); remove it or set "
                    + ProviderSettings.CACHE_DIR_KEY + " to a directory of your own");
        }
        return root;
    }

    /** The pristine data directory of {@code bin} run as {@code runAs}, built first if missing. */
    Path pristine(Path bin, RunAs runAs) throws IOException {
        String key = key(PgBinaries.identity(bin, cacheRoot), runAs.identity(), FORMAT);
        Path entry = root.resolve(key);
        Path data = entry.resolve("data");
        if (Files.isRegularFile(data.resolve("PG_VERSION"))) {
            return data;
        }
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        sweepAbandonedBuilds();
        Path building = Files.createTempDirectory(root, "building-");
        try {
            Files.setPosixFilePermissions(building, PosixFilePermissions.fromString("rwxr-xr-x"));
            runAs.takeOwnership(building);
            long started = System.nanoTime();
            PrivateCluster.initdb(bin, runAs, building.resolve("data"), building);
            Files.writeString(building.resolve("identity.txt"), PgBinaries.identity(bin, cacheRoot) + "\n" + FORMAT + "\n",
                    StandardCharsets.UTF_8);
            try {
                Files.move(building, entry, StandardCopyOption.ATOMIC_MOVE);
                LOG.debug("pgdbm: cached a pristine data directory of {} in {} ({} ms)", bin, data,
                        LocalProvider.millisSince(started));
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException lost) {
                LOG.debug("pgdbm: another JVM cached {} first", data);
            }
        } finally {
            if (Files.exists(building)) {
                tree.delete(building);
            }
        }
        if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
            throw new IOException("the cached data directory " + data + " is incomplete; delete " + entry);
        }
        return data;
    }

    /** What a JVM killed during initdb left behind. */
    private void sweepAbandonedBuilds() {
        try (DirectoryStream<Path> builds = Files.newDirectoryStream(root, "building-*")) {
            Instant cutoff = Instant.now().minus(ABANDONED_BUILD_AGE);
            for (Path build : builds) {
                FileTime modified = Files.getLastModifiedTime(build, LinkOption.NOFOLLOW_LINKS);
                if (modified.toInstant().isBefore(cutoff)) {
                    tree.delete(build);
                }
            }
        } catch (IOException e) {
            LOG.debug("pgdbm: could not look for abandoned builds in {}: {}", root, e.toString());
        }
    }

    /** 16 hex digits of a SHA-256 over the parts. */
    static String key(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(Objects.requireNonNull(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
