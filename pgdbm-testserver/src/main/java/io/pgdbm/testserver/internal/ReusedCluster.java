package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private cluster that outlives the JVM ({@code pgdbm.test.reuse=true}): it lives in
 * {@code <cache root>/clusters/<key>}, the key a hash of the binaries' identity, the OS user and the cluster settings,
 * and the next JVM with the same key attaches to it instead of starting one.
 *
 * <p>Files in the cluster directory: {@code cluster.lock} (an exclusive file lock around every create, attach and
 * stop decision, so JVMs starting at once end up on one cluster), {@code users.lock} (every attached JVM holds a
 * shared lock on it until it ends; the kernel drops it when a JVM dies), {@code last-used} (its modification time is
 * when a JVM last attached or detached), {@code watchdog.pid} (the {@link ClusterWatchdog} that stops the cluster
 * after {@code pgdbm.test.reuse.idle.minutes} with no JVM attached), {@code data/} and {@code server.log}.
 */
final class ReusedCluster {

    private static final Logger LOG = LoggerFactory.getLogger(ReusedCluster.class);
    /** Bumped when the server options {@link PrivateCluster#serverOptions} builds change. */
    private static final String FORMAT = "reused cluster v1";
    /** This JVM's shared locks on {@code users.lock}, by cluster directory, with how many servers use each. */
    private static final Map<Path, Users> ATTACHED = new HashMap<>();

    private ReusedCluster() {
    }

    /** Attaches to the reused cluster of these binaries and settings, starting or restarting it first if needed. */
    static PostgresServer attach(ServerProvider kind, Path bin, ProviderSettings settings) {
        long started = System.nanoTime();
        Path dir = null;
        try {
            RunAs runAs = kind == ServerProvider.EMBEDDED ? RunAs.forEmbeddedCluster(settings.localUser())
                    : RunAs.forLocalCluster(settings.localUser());
            long runAsMillis = LocalProvider.millisSince(started);
            Path cacheRoot = InitdbCache.cacheRoot(settings);
            dir = cacheRoot.resolve("clusters").resolve(key(bin, runAs, settings, cacheRoot));
            long keyMillis = LocalProvider.millisSince(started);
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                runAs.takeOwnership(dir);
            }
            PrivateCluster cluster = new PrivateCluster(bin, runAs, dir);
            StartedServer server;
            synchronized (ATTACHED) { // file locks are per process: threads of this JVM take turns here
                try (FileChannel channel = FileChannel.open(dir.resolve("cluster.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                        FileLock decisions = channel.lock()) {
                    String how = "attached";
                    long lockedMillis = LocalProvider.millisSince(started);
                    Optional<StartedServer> running = connectToRunning(kind, cluster);
                    if (running.isEmpty()) {
                        how = startFromDataDirectory(cluster, settings, cacheRoot);
                        running = Optional.of(connect(kind, cluster, cluster.port().orElseThrow(
                                () -> new IOException("the started cluster wrote no port to postmaster.pid"))));
                    }
                    server = running.get();
                    long connectedMillis = LocalProvider.millisSince(started);
                    Path clusterDir = dir;
                    useBy(clusterDir);
                    ClusterWatchdog.ensureRunning(dir, bin, runAs, settings.reuseIdle());
                    LOG.debug("pgdbm: reused {} cluster in {} {} in {} ms (after {} ms: run-as user known; {}: key;"
                            + " {}: locked; {}: connected)", kind, dir, how, LocalProvider.millisSince(started),
                            runAsMillis, keyMillis, lockedMillis, connectedMillis);
                }
            }
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            throw new PostgresUnavailableException("could not start or attach to the reused " + kind + " cluster"
                    + (dir == null ? "" : " in " + dir) + " with " + bin + ": " + e.getMessage()
                    + "; stop it with pg_ctl -D <dir>/data stop and delete the directory, or run without "
                    + ProviderSettings.REUSE_KEY, e);
        }
    }

    /**
     * Stops (immediate shutdown) and deletes every reused cluster under {@code cacheRoot} that no JVM is attached to,
     * with its watchdog; returns how many. The pristine initdb directories stay.
     */
    static int stopAll(Path cacheRoot) throws IOException {
        Path clusters = cacheRoot.resolve("clusters");
        if (!Files.isDirectory(clusters)) {
            return 0;
        }
        ClusterDirectories tree = new ClusterDirectories(cacheRoot);
        int stopped = 0;
        List<Path> dirs = new ArrayList<>();
        try (java.nio.file.DirectoryStream<Path> all = Files.newDirectoryStream(clusters)) {
            all.forEach(dirs::add);
        }
        for (Path dir : dirs) {
            synchronized (ATTACHED) {
                try (FileChannel decisions = FileChannel.open(dir.resolve("cluster.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                        FileLock decision = decisions.lock();
                        FileChannel users = FileChannel.open(dir.resolve("users.lock"), StandardOpenOption.CREATE,
                                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    FileLock noUsers = ATTACHED.containsKey(dir) ? null : users.tryLock();
                    if (noUsers == null) {
                        LOG.warn("pgdbm: leaving the reused cluster in {} running: a JVM is attached to it", dir);
                        continue;
                    }
                    ClusterWatchdog.running(dir).ifPresent(ProcessHandle::destroyForcibly);
                    Path pidFile = dir.resolve("data").resolve("postmaster.pid");
                    ClusterDirectories.postmasterOf(pidFile).ifPresent(pm -> ClusterDirectories.stop(pm, pidFile));
                    noUsers.release();
                }
                tree.delete(dir);
                stopped++;
            }
        }
        return stopped;
    }

    /** The running cluster, if its postmaster is alive and answers; a postmaster that does not answer is stopped. */
    private static Optional<StartedServer> connectToRunning(ServerProvider kind, PrivateCluster cluster) {
        Optional<ProcessHandle> postmaster = cluster.postmaster();
        Optional<Integer> port = cluster.port();
        if (postmaster.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(connect(kind, cluster, port.get()));
        } catch (SQLException e) {
            LOG.warn("pgdbm: the reused cluster in {} (postmaster {}) does not answer ({}); restarting it",
                    cluster.dir(), postmaster.get().pid(), e.getMessage());
            cluster.stop();
            return Optional.empty();
        }
    }

    /** Starts the cluster from its data directory, re-creating the directory when it is missing or unusable. */
    private static String startFromDataDirectory(PrivateCluster cluster, ProviderSettings settings, Path cacheRoot)
            throws IOException {
        Optional<InitdbCache> cache = settings.initdbCache() ? Optional.of(InitdbCache.under(cacheRoot))
                : Optional.empty();
        ClusterDirectories tree = new ClusterDirectories(cacheRoot);
        if (Files.isRegularFile(cluster.dataDir().resolve("PG_VERSION"))) {
            try {
                cluster.start(cluster.serverOptions(settings));
                return "restarted from its data directory";
            } catch (IOException e) {
                LOG.warn("pgdbm: the reused cluster in {} did not start from its data directory; creating it anew: {}",
                        cluster.dir(), e.getMessage());
                cluster.stop();
            }
        }
        tree.delete(cluster.dataDir());
        String how = cluster.createDataDirectory(cache, settings.pgHbaLines());
        cluster.start(cluster.serverOptions(settings));
        return "created (" + how + ") and started";
    }

    private static StartedServer connect(ServerProvider kind, PrivateCluster cluster, int port) throws SQLException {
        return StartedServer.builder(kind)
                .address("127.0.0.1", port)
                .credentials(PrivateCluster.SUPERUSER, Optional.empty())
                .stop(() -> release(cluster.dir())) // closing detaches; the cluster keeps running
                .connect();
    }

    /** The cluster's key: what determines it, hashed. */
    static String key(Path bin, RunAs runAs, ProviderSettings settings, Path cacheRoot) throws IOException {
        List<String> parts = new ArrayList<>(List.of(FORMAT, PgBinaries.identity(bin, cacheRoot), "user=" + runAs.identity(),
                "max_connections=" + settings.maxConnections()));
        new TreeMap<>(settings.serverSettings()).forEach((name, value) -> parts.add("-c " + name + "=" + value));
        settings.pgHbaLines().forEach(line -> parts.add("hba " + line));
        return InitdbCache.key(parts.toArray(String[]::new));
    }

    /** Takes (or counts another use of) this JVM's shared lock on {@code users.lock}, and notes the use. */
    private static void useBy(Path dir) throws IOException {
        Users users = ATTACHED.get(dir);
        if (users == null) {
            FileChannel channel = FileChannel.open(dir.resolve("users.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                users = new Users(channel, channel.lock(0, Long.MAX_VALUE, true));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            ATTACHED.put(dir, users);
        }
        users.count++;
        touch(dir);
    }

    private static void release(Path dir) {
        synchronized (ATTACHED) {
            Users users = ATTACHED.get(dir);
            if (users == null || --users.count > 0) {
                return;
            }
            ATTACHED.remove(dir);
            try {
                touch(dir); // the idle time counts from here
                users.lock.release();
                users.channel.close();
            } catch (IOException e) {
                LOG.debug("pgdbm: releasing {}: {}", dir, e.toString());
            }
        }
    }

    static void touch(Path dir) throws IOException {
        Path lastUsed = dir.resolve("last-used");
        if (!Files.exists(lastUsed)) {
            Files.writeString(lastUsed, "", StandardCharsets.UTF_8);
        }
        Files.setLastModifiedTime(lastUsed, FileTime.from(Instant.now()));
    }

    /** A JVM's shared lock on {@code users.lock}; guarded by {@link #ATTACHED}. */
    private static final class Users {
        final FileChannel channel;
        final FileLock lock;
        int count;

        Users(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }
}
