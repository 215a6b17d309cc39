package io.pgdbm.testserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerResolverTest {

    @Test
    void autoWithNothingConfiguredPicksLocalWhenPostgresIsInstalled() {
        LocalBinaries.assumeInstalled();

        try (PostgresServer server = ServerResolver.start(ProviderSettings.builder().build())) {
            assertThat(server.provider()).isEqualTo(ServerProvider.LOCAL);
        }
    }

    @Test
    void autoWithAUrlUsesIt() {
        PostgresServer shared = PostgresServers.shared();
        ProviderSettings settings = ProviderSettings.builder().url(shared.url(shared.adminDatabase())).build();

        try (PostgresServer server = ServerResolver.start(settings)) {
            assertThat(server.provider()).isEqualTo(ServerProvider.URL);
        }
    }

    @Test
    void totalFailureListsEveryProviderAndTheSettingsToFixIt() {
        ProviderSettings settings = ProviderSettings.builder().localBinDir(Path.of("/nonexistent/bin")).build();
        ClusterDirectories directories = ClusterDirectories.under(Optional.empty());

        assertThatThrownBy(() -> ServerResolver.start(settings, List.of(new LocalProvider(directories),
                new DockerProvider(Path.of("/nonexistent/docker.sock")))))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("- local: pgdbm.test.local.bindir=/nonexistent/bin")
                .hasMessageContaining("- docker: ")
                .hasMessageContaining("- url: not tried")
                .hasMessageContaining("-Dpgdbm.test.url=postgresql://postgres@localhost:5432/postgres");
    }
}
