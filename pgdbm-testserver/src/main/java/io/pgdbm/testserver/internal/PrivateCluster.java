package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.ProviderSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private cluster run from a directory of PostgreSQL binaries: {@code dir/data} (PGDATA) and
 * {@code dir/server.log}, started with {@code pg_ctl} on a free port of 127.0.0.1. The one implementation of
 * "a private cluster from these binaries" that the {@code local} provider, the {@code embedded} provider's reused
 * clusters and {@link ReusedCluster}'s watchdog share.
 */
final class PrivateCluster {

    static final String SUPERUSER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(PrivateCluster.class);
    static final Duration INITDB_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(90);
    private static final int PORT_ATTEMPTS = 3;
    // sun_path holds 108 bytes; "/.s.PGSQL.65535" needs 15 of them.
    private static final int MAX_SOCKET_DIR_LENGTH = 90;

    private final Path bin;
    private final RunAs runAs;
    private final Path dir;
    private final Path dataDir;
    private final Path logFile;

    PrivateCluster(Path bin, RunAs runAs, Path dir) {
        this.bin = bin;
        this.runAs = runAs;
        this.dir = dir;
        this.dataDir = dir.resolve("data");
        this.logFile = dir.resolve("server.log");
    }

    Path dir() {
        return dir;
    }

    Path dataDir() {
        return dataDir;
    }

    /**
     * Creates {@code data/}: a copy of the cached pristine data directory of these binaries when {@code cache} is
     * given (building it once with initdb), else initdb; then puts {@code pgHbaLines} in front of pg_hba.conf.
     * Returns how it was made, for the log.
     */
    String createDataDirectory(Optional<InitdbCache> cache, List<String> pgHbaLines) throws IOException {
        String how;
        if (cache.isPresent()) {
            Path pristine = cache.get().pristine(bin, runAs);
            run(INITDB_TIMEOUT, "cp", "-a", pristine.toString(), dataDir.toString()).orThrow();
            how = "copied from " + pristine;
        } else {
            initdb(bin, runAs, dataDir, dir);
            how = "initdb";
        }
        PgHbaFile.prepend(dataDir, pgHbaLines);
        return how;
    }

    /** Runs initdb into {@code dataDir} as {@code runAs}, in working directory {@code workDir}. */
    static void initdb(Path bin, RunAs runAs, Path dataDir, Path workDir) throws IOException {
        ExternalCommand.Result result = ExternalCommand.run(runAs.command(List.of(bin.resolve("initdb").toString(),
                "-D", dataDir.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync")),
                workDir, INITDB_TIMEOUT);
        if (!result.succeeded()) {
            throw new IOException(result.describe());
        }
    }

    /** Settings in the order PostgreSQL applies them: later ones (the user's extras) win. */
    Map<String, String> serverOptions(ProviderSettings settings) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("listen_addresses", "127.0.0.1");
        String socketDir = dir.toAbsolutePath().toString();
        options.put("unix_socket_directories", socketDir.length() <= MAX_SOCKET_DIR_LENGTH ? socketDir : "");
        options.put("fsync", "off");
        options.put("synchronous_commit", "off");
        options.put("full_page_writes", "off");
        options.put("max_connections", Integer.toString(settings.maxConnections()));
        options.put("shared_buffers", "128MB");
        options.putAll(settings.serverSettings());
        return options;
    }

    /** Starts on a free port, retrying when another process takes the port first; returns the port. */
    int start(Map<String, String> options) throws IOException {
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
            LOG.debug("pgdbm: port {} was taken before the cluster in {} could bind it; retrying", port, dir);
        }
    }

    /** The live postmaster of this cluster, if any. */
    Optional<ProcessHandle> postmaster() {
        return ClusterDirectories.postmasterOf(dataDir.resolve("postmaster.pid"));
    }

    /** The port in {@code postmaster.pid} (its fourth line), if the file is there and complete. */
    Optional<Integer> port() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.size() > 3 ? Optional.of(Integer.parseInt(lines.get(3).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the server: {@code pg_ctl stop -m fast}, then immediate, then a kill; no-op when it is not running. */
    void stop() {
        if (postmaster().isEmpty()) {
            return;
        }
        stop("fast");
        if (postmaster().isPresent()) {
            stop("immediate");
        }
        postmaster().ifPresent(ProcessHandle::destroyForcibly);
    }

    private void stop(String mode) {
        try {
            ExternalCommand.Result result = run(PG_CTL_TIMEOUT, bin.resolve("pg_ctl").toString(),
                    "-D", dataDir.toString(), "-m", mode, "-w", "-t", "30", "stop");
            if (!result.succeeded()) {
                LOG.warn("pgdbm: stopping the cluster in {} failed: {}", dir, result.describe());
            }
        } catch (IOException e) {
            LOG.warn("pgdbm: stopping the cluster in {} failed: {}", dir, e.toString());
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
