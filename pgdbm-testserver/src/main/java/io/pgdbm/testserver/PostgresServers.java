package io.pgdbm.testserver;

import io.pgdbm.testserver.internal.ServerResolver;
import java.util.Objects;

/**
 * Obtains PostgreSQL servers for tests, from the provider chosen by {@link ProviderSettings}.
 *
 * <p>{@link #shared()} is the one server of this JVM: resolved on first use, stopped by a JVM shutdown hook.
 * {@link #start(ProviderSettings)} starts a separate server the caller closes, e.g. a cluster with TLS
 * settings. Thread-safe.
 *
 * <pre>{@code
 * PostgresServer server = PostgresServers.shared();
 * String url = server.url(server.adminDatabase());
 * }</pre>
 */
public final class PostgresServers {

    private PostgresServers() {
    }

    /** The JVM-wide server, resolved once from {@link ProviderSettings#fromEnvironment()}. */
    public static PostgresServer shared() {
        return Shared.get(ProviderSettings::fromEnvironment);
    }

    /**
     * The JVM-wide server, resolved from {@code settings} if this is the first call; later calls return the
     * same server whatever settings they pass.
     */
    public static PostgresServer shared(ProviderSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return Shared.get(() -> settings);
    }

    /** Starts a new, separate server; the caller closes it. */
    public static PostgresServer start(ProviderSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return ServerResolver.start(settings);
    }

    /**
     * Stops and deletes the clusters that {@code pgdbm.test.reuse=true} left running under the cache directory of
     * {@code settings} ({@code pgdbm.test.cache.dir}), except those a JVM is attached to; returns how many it stopped.
     * Their idle watchdogs would stop them anyway after {@code pgdbm.test.reuse.idle.minutes}.
     *
     * <pre>{@code
     * int stopped = PostgresServers.stopReusedClusters(ProviderSettings.fromEnvironment());
     * }</pre>
     */
    public static int stopReusedClusters(ProviderSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return ServerResolver.stopReusedClusters(settings);
    }

    /** Holds the shared server; a failed resolution is remembered so every test reports the same cause. */
    private static final class Shared {
        private static PostgresServer server;
        private static RuntimeException failure;

        static synchronized PostgresServer get(java.util.function.Supplier<ProviderSettings> settings) {
            if (server != null) {
                return server;
            }
            if (failure != null) {
                throw new PostgresUnavailableException(failure.getMessage(), failure);
            }
            try {
                server = ServerResolver.start(settings.get());
                return server;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
    }
}
