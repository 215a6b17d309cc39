package io.pgdbm.testserver.internal;

import static io.pgdbm.testserver.TestQueries.execute;
import static io.pgdbm.testserver.TestQueries.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProviderTest {

    @BeforeAll
    static void needsInstalledBinaries() {
        LocalBinaries.assumeInstalled();
    }

    private final ClusterDirectories directories = ClusterDirectories.under(Optional.empty());

    @Test
    void startsATunedClusterAndRemovesItOnClose() throws Exception {
        ProviderSettings settings = ProviderSettings.builder().provider(ServerProvider.LOCAL).build();
        Path dataDir;
        ProcessHandle postmaster;
        try (PostgresServer server = new LocalProvider(directories).start(settings)) {
            assertThat(server.provider()).isEqualTo(ServerProvider.LOCAL);
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(server.serverVersionNum()).isGreaterThanOrEqualTo(150000);
            assertThat(queryOne(server, "SELECT 1")).isEqualTo("1");
            assertThat(queryOne(server, "SHOW fsync")).isEqualTo("off");
            assertThat(queryOne(server, "SHOW synchronous_commit")).isEqualTo("off");
            assertThat(queryOne(server, "SHOW full_page_writes")).isEqualTo("off");
            assertThat(queryOne(server, "SHOW max_connections")).isEqualTo("300");
            assertThat(queryOne(server, "SHOW listen_addresses")).isEqualTo("127.0.0.1");

            dataDir = Path.of(queryOne(server, "SHOW data_directory"));
            assertThat(dataDir).startsWith(directories.root());
            postmaster = ClusterDirectories.postmasterOf(dataDir.resolve("postmaster.pid")).orElseThrow();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> !postmaster.isAlive());
        assertThat(dataDir.getParent()).doesNotExist();
    }

    @Test
    void putsTheClusterUnderTheConfiguredDirectory(@TempDir Path base) throws Exception {
        Files.setPosixFilePermissions(base, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        ProviderSettings settings = ProviderSettings.builder().provider(ServerProvider.LOCAL).clusterDir(base).build();
        try (PostgresServer server = ServerResolver.start(settings)) {
            assertThat(Path.of(queryOne(server, "SHOW data_directory"))).startsWith(base.resolve("pgdbm-clusters"));
        }
    }

    @Test
    void defaultsToRamBackedStorageWhenThereIsRoom() throws Exception {
        Path shm = Path.of("/dev/shm");
        boolean ramWithRoom = Files.isDirectory(shm) && Files.getFileStore(shm).type().equals("tmpfs")
                && Files.getFileStore(shm).getUsableSpace() >= 2L << 30;
        assertThat(ClusterDirectories.defaultBase())
                .isEqualTo(ramWithRoom ? shm : Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Test
    void appliesExtraSettingsAndPgHbaLines() throws Exception {
        ProviderSettings settings = ProviderSettings.builder()
                .provider(ServerProvider.LOCAL)
                .maxConnections(120)
                .serverSetting("work_mem", "7MB")
                .serverSetting("cluster_name", "it's quoted")
                .pgHbaLine("host all blocked 127.0.0.1/32 reject")
                .build();
        try (PostgresServer server = new LocalProvider(directories).start(settings)) {
            assertThat(queryOne(server, "SHOW max_connections")).isEqualTo("120");
            assertThat(queryOne(server, "SHOW work_mem")).isEqualTo("7MB");
            assertThat(queryOne(server, "SHOW cluster_name")).isEqualTo("it's quoted");
            assertThat(queryOne(server, "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'reject'"))
                    .isEqualTo("1");
            execute(server, "CREATE ROLE blocked LOGIN");

            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("postgres"), "blocked", "").close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("pg_hba.conf rejects connection");
        }
    }

    @Test
    void sweepStopsAndDeletesClustersOfDeadJvms() throws Exception {
        // A second run directory in the same root plays a JVM that was killed: its cluster keeps running.
        ClusterDirectories crashedRun = new ClusterDirectories(directories.root());
        PostgresServer abandoned = new LocalProvider(crashedRun).start(
                ProviderSettings.builder().provider(ServerProvider.LOCAL).build());
        Path dataDir = Path.of(queryOne(abandoned, "SHOW data_directory"));
        ProcessHandle postmaster = ClusterDirectories.postmasterOf(dataDir.resolve("postmaster.pid")).orElseThrow();
        Path runDir = crashedRun.runDirectory();
        Files.writeString(runDir.resolve(ClusterDirectories.OWNER_FILE), deadPid() + "\n", StandardCharsets.UTF_8);

        try (PostgresServer fresh = new LocalProvider(directories).start(
                ProviderSettings.builder().provider(ServerProvider.LOCAL).build())) {
            assertThat(queryOne(fresh, "SELECT 1")).isEqualTo("1");
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> !postmaster.isAlive());
        assertThat(runDir).doesNotExist();
    }

    @Test
    void explicitBinDirWithoutBinariesIsReported() {
        ProviderSettings settings = ProviderSettings.builder().provider(ServerProvider.LOCAL)
                .localBinDir(Path.of("/nonexistent/bin")).build();

        assertThatThrownBy(() -> new LocalProvider(directories).start(settings))
                .hasMessageContaining("pgdbm.test.local.bindir=/nonexistent/bin");
    }

    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        long pid = process.pid();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        return pid;
    }
}
