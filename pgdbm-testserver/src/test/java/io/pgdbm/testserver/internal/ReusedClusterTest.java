package io.pgdbm.testserver.internal;

import static io.pgdbm.testserver.TestQueries.execute;
import static io.pgdbm.testserver.TestQueries.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code pgdbm.test.reuse=true}: clusters that outlive their JVM, shared by the JVMs that come after or start at the
 * same time, restarted when killed, stopped by their watchdog when idle. Each test has its own cache root and stops and
 * deletes every cluster it made.
 */
class ReusedClusterTest {

    private Path cacheRoot;

    @BeforeEach
    void ownCacheRoot() throws IOException {
        // not @TempDir: a root JVM runs PostgreSQL as another user, who must be able to enter it
        cacheRoot = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pgdbm-reuse-");
        Files.setPosixFilePermissions(cacheRoot, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stopAndDeleteClusters() throws IOException {
        PostgresServers.stopReusedClusters(ProviderSettings.builder().cacheDir(cacheRoot).build());
        assertThat(clusterDirectories()).as("every cluster stopped and deleted").isEmpty();
        new ClusterDirectories(cacheRoot.getParent()).delete(cacheRoot);
    }

    @Test
    void theNextJvmAttachesToTheClusterTheFirstLeftRunning() throws Exception {
        LocalBinaries.assumeInstalled();
        ForkedServer first = run(fork(reuse("local")));
        assertThat(ProcessHandle.of(first.postmaster())).as("the cluster outlives its JVM").isPresent();
        assertThat(ClusterWatchdog.running(clusterDirOf(first))).as("its idle watchdog runs").isPresent();

        ForkedServer second = run(fork(reuse("local")));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void jvmsStartingAtOnceShareOneCluster() throws Exception {
        LocalBinaries.assumeInstalled();
        List<Process> forks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            forks.add(fork(reuse("local")));
        }
        List<ForkedServer> servers = new ArrayList<>();
        for (Process p : forks) {
            servers.add(run(p));
        }
        assertThat(servers).hasSize(3).allSatisfy(s -> assertThat(s).isEqualTo(servers.get(0)));
        assertThat(clusterDirectories()).hasSize(1);
    }

    @Test
    void otherSettingsGetAnotherClusterAndTheSameSettingsTheSameOne() throws Exception {
        LocalBinaries.assumeInstalled();
        try (PostgresServer a = PostgresServers.start(settings(ServerProvider.LOCAL).build());
                PostgresServer again = PostgresServers.start(settings(ServerProvider.LOCAL).build());
                PostgresServer other = PostgresServers.start(settings(ServerProvider.LOCAL).maxConnections(40).build())) {
            assertThat(again.port()).isEqualTo(a.port());
            assertThat(other.port()).isNotEqualTo(a.port());
            assertThat(queryOne(other, "SHOW max_connections")).isEqualTo("40");
            assertThat(queryOne(a, "SHOW max_connections")).isEqualTo("300");
            assertThat(clusterDirectories()).hasSize(2);
        }
    }

    @Test
    void aKilledClusterIsRestartedFromItsDataDirectory() throws Exception {
        LocalBinaries.assumeInstalled();
        long killed;
        try (PostgresServer server = PostgresServers.start(settings(ServerProvider.LOCAL).build())) {
            execute(server, "CREATE DATABASE kept_across_restarts");
            killed = postmasterPid(server);
        }
        ProcessHandle postmaster = ProcessHandle.of(killed).orElseThrow();
        postmaster.destroyForcibly(); // leaves a stale postmaster.pid behind
        await().atMost(Duration.ofSeconds(30)).until(() -> !postmaster.isAlive());

        try (PostgresServer server = PostgresServers.start(settings(ServerProvider.LOCAL).build())) {
            assertThat(postmasterPid(server)).isNotEqualTo(killed);
            assertThat(queryOne(server, "SELECT count(*) FROM pg_database WHERE datname = 'kept_across_restarts'"))
                    .isEqualTo("1");
        }
    }

    @Test
    void aClusterWhoseDataDirectoryIsUnusableIsCreatedAnew() throws Exception {
        LocalBinaries.assumeInstalled();
        Path dataDir;
        try (PostgresServer server = PostgresServers.start(settings(ServerProvider.LOCAL).build())) {
            execute(server, "CREATE DATABASE lost_with_the_data_directory");
            dataDir = Path.of(queryOne(server, "SHOW data_directory"));
        }
        stopEverythingUnder(cacheRoot);
        Files.delete(dataDir.resolve("global").resolve("pg_control"));

        try (PostgresServer server = PostgresServers.start(settings(ServerProvider.LOCAL).build())) {
            assertThat(queryOne(server, "SELECT count(*) FROM pg_database WHERE datname = 'lost_with_the_data_directory'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void anIdleClusterStopsItselfButNeverWhileAJvmUsesIt() throws Exception {
        LocalBinaries.assumeInstalled();
        Duration idle = Duration.ofMillis(1500);
        ProcessHandle postmaster;
        Path dir;
        try (PostgresServer server = PostgresServers.start(settings(ServerProvider.LOCAL).reuseIdle(idle).build())) {
            postmaster = ProcessHandle.of(postmasterPid(server)).orElseThrow();
            dir = Path.of(queryOne(server, "SHOW data_directory")).getParent();
            await().during(idle.multipliedBy(3)).atMost(idle.multipliedBy(5)).until(postmaster::isAlive);
            assertThat(queryOne(server, "SELECT 1")).isEqualTo("1");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !postmaster.isAlive());
        await().atMost(Duration.ofSeconds(30)).until(() -> ClusterWatchdog.running(dir).isEmpty());
    }

    @Test
    void withoutReuseNothingOutlivesTheJvm() throws Exception {
        LocalBinaries.assumeInstalled();
        ForkedServer server = run(fork(List.of("-Dpgdbm.test.provider=local", "-Dpgdbm.test.cluster.dir=" + cacheRoot)));
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(server.postmaster()).isEmpty());
        assertThat(Path.of(server.dataDir())).doesNotExist();
        assertThat(cacheRoot.resolve("pgdbm-cache-" + System.getProperty("user.name")).resolve("clusters")).doesNotExist();
    }

    @Test
    void anEmbeddedClusterIsReusedToo() throws Exception {
        try {
            EmbeddedProvider.extractedBinaries();
        } catch (RuntimeException e) {
            org.junit.jupiter.api.Assumptions.abort("needs zonky's embedded binaries: " + e.getMessage());
        }
        ForkedServer first = run(fork(reuse("embedded")));
        ForkedServer second = run(fork(reuse("embedded")));
        assertThat(second).isEqualTo(first);
        assertThat(ProcessHandle.of(second.postmaster())).isPresent();
    }

    // --- helpers

    private ProviderSettings.Builder settings(ServerProvider provider) {
        return ProviderSettings.builder().provider(provider).reuse(true).cacheDir(cacheRoot);
    }

    private List<String> reuse(String provider) {
        return List.of("-Dpgdbm.test.provider=" + provider, "-Dpgdbm.test.reuse=true", "-Dpgdbm.test.cache.dir=" + cacheRoot);
    }

    record ForkedServer(long postmaster, int port, String dataDir) {
    }

    private static Path clusterDirOf(ForkedServer server) {
        return Path.of(server.dataDir()).getParent();
    }

    private List<Path> clusterDirectories() throws IOException {
        List<Path> dirs = new ArrayList<>();
        Path clusters = cacheRoot.resolve("clusters");
        if (Files.isDirectory(clusters)) {
            try (DirectoryStream<Path> all = Files.newDirectoryStream(clusters)) {
                all.forEach(dirs::add);
            }
        }
        return dirs;
    }

    static long postmasterPid(PostgresServer server) throws SQLException, IOException {
        Path pidFile = Path.of(queryOne(server, "SHOW data_directory")).resolve("postmaster.pid");
        return Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim());
    }

    private static Process fork(List<String> systemProperties) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(systemProperties);
        cmd.add(ReuseFork.class.getName());
        Path log = Files.createTempFile(Files.createDirectories(Path.of("target", "forked-jvms")), "reuse-", ".log");
        return new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    }

    private static ForkedServer run(Process p) throws Exception {
        String line = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                if (l.startsWith("SERVER ")) {
                    line = l;
                }
            }
        }
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("forked JVM finished").isTrue();
        assertThat(p.exitValue()).as("forked JVM's exit code (its log is in target/forked-jvms)").isZero();
        assertThat(line).as("the forked JVM printed its server").isNotNull();
        String[] parts = line.split(" ", 4);
        return new ForkedServer(Long.parseLong(parts[1]), Integer.parseInt(parts[2]), parts[3]);
    }

    /** Kills the watchdogs and stops the postmasters of every cluster under {@code root}. */
    static void stopEverythingUnder(Path root) throws IOException {
        Path clusters = root.resolve("clusters");
        if (!Files.isDirectory(clusters)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(clusters)) {
            for (Path dir : dirs) {
                ClusterWatchdog.running(dir).ifPresent(ProcessHandle::destroyForcibly);
                Optional<ProcessHandle> postmaster = ClusterDirectories.postmasterOf(dir.resolve("data").resolve("postmaster.pid"));
                postmaster.ifPresent(ProcessHandle::destroy); // SIGTERM: a smart shutdown; no client is left
                postmaster.ifPresent(pm -> await().atMost(Duration.ofSeconds(30)).until(() -> !pm.isAlive()));
            }
        }
    }
}
