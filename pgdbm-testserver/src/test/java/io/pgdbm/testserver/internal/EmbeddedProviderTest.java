package io.pgdbm.testserver.internal;

import static io.pgdbm.testserver.TestQueries.queryOne;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbeddedProviderTest {

    @Test
    void startsAnsweringServerInTheRunDirectoryAndRemovesItOnClose() throws Exception {
        ClusterDirectories directories = ClusterDirectories.under(Optional.empty());
        Path dataDir;
        try (PostgresServer server = new EmbeddedProvider(directories).start(
                ProviderSettings.builder().provider(ServerProvider.EMBEDDED).serverSetting("work_mem", "5MB").build())) {
            assertThat(server.provider()).isEqualTo(ServerProvider.EMBEDDED);
            assertThat(queryOne(server, "SELECT 1")).isEqualTo("1");
            assertThat(queryOne(server, "SHOW fsync")).isEqualTo("off");
            assertThat(queryOne(server, "SHOW max_connections")).isEqualTo("300");
            assertThat(queryOne(server, "SHOW work_mem")).isEqualTo("5MB");
            assertThat(server.serverVersionNum() / 10000).as("the major version the docs name").isEqualTo(15);
            dataDir = Path.of(queryOne(server, "SHOW data_directory"));
            assertThat(dataDir).startsWith(directories.root());
        }
        assertThat(dataDir).doesNotExist();
    }
}
