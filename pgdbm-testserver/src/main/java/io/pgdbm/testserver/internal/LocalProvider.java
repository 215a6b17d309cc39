package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private throwaway cluster from installed PostgreSQL binaries: {@code initdb} into this JVM's run
 * directory, {@code pg_ctl start} on a free port, listening on 127.0.0.1 only, tuned for tests.
 */
final class LocalProvider implements Provider {

    static final String SUPERUSER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(LocalProvider.class);
    private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(90);
    private static final int PORT_ATTEMPTS = 3;
    // sun_path holds 108 bytes; "/.s.PGSQL.65535" needs 15 of them.
    private static final int MAX_SOCKET_DIR_LENGTH = 90;

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
        long started = System.nanoTime();
        directories.sweep();
        Path bin;
        RunAs runAs;
        Path clusterDir;
        try {
            bin = PgBinaries.find(settings.localBinDir());
            runAs = RunAs.forLocalCluster(settings.localUser());
            clusterDir = directories.newClusterDirectory("local");
        } catch (IOException e) {
            throw new PostgresUnavailableException(e.getMessage(), e);
        }
        Cluster cluster = new Cluster(bin, runAs, clusterDir, directories);
        try {
            runAs.takeOwnership(clusterDir);
            long initdbStart = System.nanoTime();
            cluster.initdb(settings.pgHbaLines());
            long initdbMillis = millisSince(initdbStart);
            long startStart = System.nanoTime();
            int port = cluster.startOnFreePort(serverOptions(settings, clusterDir));
            long startMillis = millisSince(startStart);
            StartedServer server = StartedServer.builder(kind())
                    .address("127.0.0.1", port)
                    .credentials(SUPERUSER, Optional.empty())
                    .stop(cluster::stopAndDelete)
                    .connect();
            LOG.debug("pgdbm: local cluster in {} from {} ready in {} ms (initdb {} ms, pg_ctl start {} ms)",
                    clusterDir, bin, millisSince(started), initdbMillis, startMillis);
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            cluster.stopAndDelete();
            throw new PostgresUnavailableException("could not start a local cluster with " + bin + " in "
                    + clusterDir + ": " + e.getMessage(), e);
        }
    }

    /** Settings in the order PostgreSQL applies them: later ones (the user's extras) win. */
    private static Map<String, String> serverOptions(ProviderSettings settings, Path clusterDir) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("listen_addresses", "127.0.0.1");
        String socketDir = clusterDir.toAbsolutePath().toString();
        options.put("unix_socket_directories", socketDir.length() <= MAX_SOCKET_DIR_LENGTH ? socketDir : "");
        options.put("fsync", "off");
        options.put("synchronous_commit", "off");
        options.put("full_page_writes", "off");
        options.put("max_connections", Integer.toString(settings.maxConnections()));
        options.put("shared_buffers", "128MB");
        options.putAll(settings.serverSettings());
        return options;
    }

    static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    /** One cluster directory: {@code data/} (PGDATA) and {@code server.log}. */
    private static final class Cluster {
        private final Path bin;
        private final RunAs runAs;
        private final Path dir;
        private final Path dataDir;
        private final Path logFile;
        private final ClusterDirectories directories;

        Cluster(Path bin, RunAs runAs, Path dir, ClusterDirectories directories) {
            this.bin = bin;
            this.runAs = runAs;
            this.dir = dir;
            this.dataDir = dir.resolve("data");
            this.logFile = dir.resolve("server.log");
            this.directories = directories;
        }

        void initdb(List<String> pgHbaLines) throws IOException {
            ExternalCommand.Result result = run(INITDB_TIMEOUT, bin.resolve("initdb").toString(),
                    "-D", dataDir.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                    "--no-locale", "--no-sync");
            if (!result.succeeded()) {
                throw new IOException(result.describe());
            }
            PgHbaFile.prepend(dataDir, pgHbaLines);
        }

        /** Starts on a free port, retrying when another process takes the port first. */
        int startOnFreePort(Map<String, String> options) throws IOException {
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                ExternalCommand.Result result = run(PG_CTL_TIMEOUT, bin.resolve("pg_ctl").toString(),
                        "-D", dataDir.toString(), "-l", logFile.toString(), "-w", "-t", "60",
                        "-o", postgresOptions(port, options), "start");
                if (result.succeeded()) {
                    return port;
                }
                String log = logTail();
                boolean portTaken = log.contains("could not bind") || log.contains("already in use");
                if (!portTaken || attempt == PORT_ATTEMPTS) {
                    throw new IOException(result.describe() + "\n  server.log:\n" + ExternalCommand.indent(log));
                }
                LOG.debug("pgdbm: port {} was taken before the local cluster could bind it; retrying", port);
            }
        }

        void stopAndDelete() {
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                stop("fast");
                if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                    stop("immediate");
                }
                ClusterDirectories.postmasterOf(dataDir.resolve("postmaster.pid"))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
            directories.release(dir);
        }

        private void stop(String mode) {
            try {
                ExternalCommand.Result result = run(PG_CTL_TIMEOUT, bin.resolve("pg_ctl").toString(),
                        "-D", dataDir.toString(), "-m", mode, "-w", "-t", "30", "stop");
                if (!result.succeeded()) {
                    LOG.warn("pgdbm: stopping the local cluster in {} failed: {}", dir, result.describe());
                }
            } catch (IOException e) {
                LOG.warn("pgdbm: stopping the local cluster in {} failed: {}", dir, e.toString());
            }
        }

        private ExternalCommand.Result run(Duration timeout, String... command) throws IOException {
            // The working directory matters: a dropped-privilege process cannot enter root's home.
            return ExternalCommand.run(runAs.command(List.of(command)), dir, timeout);
        }

        private String logTail() {
            try {
                return ExternalCommand.tail(Files.readString(logFile, StandardCharsets.UTF_8), 20);
            } catch (IOException e) {
                return "(no server.log: " + e.getMessage() + ")";
            }
        }

        /** pg_ctl hands {@code -o} to a shell, so every value is single-quoted. */
        private static String postgresOptions(int port, Map<String, String> options) {
            List<String> parts = new ArrayList<>();
            parts.add("-p " + port);
            options.forEach((name, value) -> parts.add("-c " + shellQuote(name + "=" + value)));
            return String.join(" ", parts);
        }

        private static String shellQuote(String s) {
            return "'" + s.replace("'", "'\\''") + "'";
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }
}
