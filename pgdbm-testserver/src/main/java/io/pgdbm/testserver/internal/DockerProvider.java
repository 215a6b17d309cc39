package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Testcontainers PostgreSQL container. Testcontainers is consulted only after a cheap check finds a Docker
 * environment: once its own detection fails it remembers the failure for the rest of the JVM.
 */
final class DockerProvider implements Provider {

    static final String TESTCONTAINERS_CLASS = "org.testcontainers.postgresql.PostgreSQLContainer";
    static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    private static final long SOCKET_CONNECT_TIMEOUT_MILLIS = 500;

    private final Path socket;

    DockerProvider() {
        this(DEFAULT_SOCKET);
    }

    DockerProvider(Path socket) {
        this.socket = socket;
    }

    @Override
    public ServerProvider kind() {
        return ServerProvider.DOCKER;
    }

    @Override
    public PostgresServer start(ProviderSettings settings) {
        Optional<String> missing = whyNoDocker();
        if (missing.isPresent()) {
            throw new PostgresUnavailableException(missing.get());
        }
        if (!settings.pgHbaLines().isEmpty()) {
            throw new PostgresUnavailableException("a container cannot take extra pg_hba lines;"
                    + " use the local provider for those");
        }
        // Loaded only now: TestcontainersServer links against the optional Testcontainers classes.
        return TestcontainersServer.start(settings);
    }

    /** Empty when Docker and Testcontainers look usable, otherwise why not; takes milliseconds. */
    Optional<String> whyNoDocker() {
        if (!testcontainersPresent()) {
            return Optional.of("Testcontainers is not on the classpath (add"
                    + " org.testcontainers:testcontainers-postgresql as a test dependency)");
        }
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return Optional.empty();
        }
        if (!Files.exists(socket)) {
            return Optional.of("no Docker environment: DOCKER_HOST is not set and " + socket + " does not exist");
        }
        return socketAnswers() ? Optional.empty()
                : Optional.of("no Docker environment: DOCKER_HOST is not set and nothing accepts connections on "
                        + socket);
    }

    static boolean testcontainersPresent() {
        try {
            Class.forName(TESTCONTAINERS_CLASS, false, DockerProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private boolean socketAnswers() {
        // Unix socket connects do not take a timeout, so a stuck daemon is bounded from outside.
        CompletableFuture<Boolean> attempt = CompletableFuture.supplyAsync(() -> {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                return channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        });
        try {
            return attempt.get(SOCKET_CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
