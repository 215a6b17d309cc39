package io.pgdbm.testserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerProviderTest {

    @Test
    void reportsNoDockerEnvironmentWithinMilliseconds() {
        assumeTrue(System.getenv("DOCKER_HOST") == null, "DOCKER_HOST is set");

        long started = System.nanoTime();
        assertThatThrownBy(() -> new DockerProvider().start(ProviderSettings.builder().build()))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("no Docker environment");
        // Testcontainers' own detection takes seconds and logs; a fast answer shows it was never asked.
        assertThat(LocalProvider.millisSince(started)).isLessThan(1000);
    }

    @Test
    void socketThatDoesNotExistMeansNoDocker() {
        assumeTrue(System.getenv("DOCKER_HOST") == null, "DOCKER_HOST is set");

        assertThat(new DockerProvider(Path.of("/nonexistent/docker.sock")).whyNoDocker())
                .hasValueSatisfying(why -> assertThat(why).contains("/nonexistent/docker.sock"));
    }

    @Test
    void autoFallsThroughDockerToTheNextProvider() {
        assumeTrue(System.getenv("DOCKER_HOST") == null, "DOCKER_HOST is set");
        ClusterDirectories directories = ClusterDirectories.under(Optional.empty());

        try (PostgresServer server = ServerResolver.start(ProviderSettings.builder().build(),
                List.of(new DockerProvider(), new EmbeddedProvider(directories)))) {
            assertThat(server.provider()).isEqualTo(ServerProvider.EMBEDDED);
        }
    }
}
