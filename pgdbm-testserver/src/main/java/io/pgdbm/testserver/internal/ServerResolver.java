package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the provider named by {@code pgdbm.test.provider}; for {@code auto} tries url (when a URL is set),
 * local, docker and embedded in that order and reports every failure if none works.
 */
public final class ServerResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ServerResolver.class);

    private ServerResolver() {
    }

    /** Starts a server as {@code settings} say; the caller closes it. */
    public static PostgresServer start(ProviderSettings settings) {
        ClusterDirectories directories = ClusterDirectories.under(settings.clusterDir());
        return start(settings, candidates(settings, directories));
    }

    /** See {@code PostgresServers.stopReusedClusters}. */
    public static int stopReusedClusters(ProviderSettings settings) {
        try {
            return ReusedCluster.stopAll(InitdbCache.cacheRoot(settings));
        } catch (java.io.IOException e) {
            throw new PostgresUnavailableException("could not stop the reused clusters: " + e.getMessage(), e);
        }
    }

    static List<Provider> candidates(ProviderSettings settings, ClusterDirectories directories) {
        Provider url = new UrlProvider();
        Provider local = new LocalProvider(directories);
        Provider docker = new DockerProvider();
        Provider embedded = new EmbeddedProvider(directories);
        switch (settings.provider()) {
            case URL:
                return List.of(url);
            case LOCAL:
                return List.of(local);
            case DOCKER:
                return List.of(docker);
            case EMBEDDED:
                return List.of(embedded);
            default:
                List<Provider> auto = new ArrayList<>();
                if (settings.url().isPresent()) {
                    auto.add(url);
                }
                auto.addAll(List.of(local, docker, embedded));
                return auto;
        }
    }

    static PostgresServer start(ProviderSettings settings, List<Provider> providers) {
        Map<String, String> failures = new LinkedHashMap<>();
        for (Provider provider : providers) {
            long started = System.nanoTime();
            try {
                PostgresServer server = provider.start(settings);
                LOG.info("pgdbm: PostgreSQL {} from provider '{}' at {}:{}, ready in {} ms",
                        server.serverVersion(), provider.kind(), server.host(), server.port(),
                        LocalProvider.millisSince(started));
                return server;
            } catch (PostgresUnavailableException e) {
                LOG.debug("pgdbm: provider '{}' not used: {}", provider.kind(), e.getMessage());
                failures.put(provider.kind().key(), e.getMessage());
                if (providers.size() == 1) {
                    throw new PostgresUnavailableException("no PostgreSQL server for tests from provider '"
                            + provider.kind() + "': " + e.getMessage() + "\n" + advice(), e);
                }
            }
        }
        StringBuilder message = new StringBuilder("no PostgreSQL server for tests; tried:");
        failures.forEach((name, why) -> message.append("\n  - ").append(name).append(": ")
                .append(why.replace("\n", "\n      ")));
        if (!failures.containsKey("url")) {
            message.append("\n  - url: not tried, no URL configured");
        }
        throw new PostgresUnavailableException(message.append('\n').append(advice()).toString());
    }

    private static String advice() {
        return "To fix: point at a running server with -D" + ProviderSettings.URL_KEY
                + "=postgresql://postgres@localhost:5432/postgres (or env "
                + ProviderSettings.environmentName(ProviderSettings.URL_KEY) + "), install PostgreSQL"
                + " (or set -D" + ProviderSettings.LOCAL_BINDIR_KEY + "), start Docker with Testcontainers on"
                + " the classpath, or choose one with -D" + ProviderSettings.PROVIDER_KEY
                + "=url|local|docker|embedded.";
    }
}
