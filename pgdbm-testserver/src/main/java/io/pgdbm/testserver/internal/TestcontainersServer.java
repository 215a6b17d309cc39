package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** The only class that links against Testcontainers; loaded after {@link DockerProvider} found Docker. */
final class TestcontainersServer {

    private TestcontainersServer() {
    }

    static PostgresServer start(ProviderSettings settings) {
        List<String> command = new ArrayList<>(List.of("postgres",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=" + settings.maxConnections()));
        settings.serverSettings().forEach((name, value) -> {
            command.add("-c");
            command.add(name + "=" + value);
        });
        DockerImageName image = DockerImageName.parse(settings.dockerImage()).asCompatibleSubstituteFor("postgres");
        PostgreSQLContainer container = new PostgreSQLContainer(image)
                .withDatabaseName("postgres")
                .withUsername("postgres")
                .withPassword("postgres");
        container.withCommand(command.toArray(String[]::new));
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw new PostgresUnavailableException("could not start container " + settings.dockerImage() + ": "
                    + e.getMessage(), e);
        }
        try {
            return StartedServer.builder(ServerProvider.DOCKER)
                    .address(container.getHost(), container.getMappedPort(5432))
                    .credentials(container.getUsername(), Optional.of(container.getPassword()))
                    .stop(container::stop)
                    .connect();
        } catch (SQLException e) {
            container.stop();
            throw new PostgresUnavailableException("container " + settings.dockerImage() + " started but does not"
                    + " answer: " + e.getMessage(), e);
        }
    }
}
