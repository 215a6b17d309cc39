package io.pgdbm.examples.sharedpool;

import io.pgdbm.DatabaseConfig;
import java.util.List;
import java.util.Objects;

/**
 * The guide's pool-sizing calculation: the peak concurrent connections of every service sharing the pool, plus
 * 25 %, capped by what the server allows after reserving connections for migrations, admin and {@code psql}.
 *
 * <pre>{@code
 * PoolSizing sizing = PoolSizing.calculate(List.of(
 *         new PoolSizing.ServicePeak("users", 10),     // high traffic
 *         new PoolSizing.ServicePeak("orders", 15),    // very high traffic
 *         new PoolSizing.ServicePeak("billing", 5),    // low traffic
 *         new PoolSizing.ServicePeak("analytics", 10)  // periodic jobs
 * ), 200, 40);
 * // sizing.peak() == 40, sizing.buffer() == 10, sizing.maxConnections() == 50, sizing.minConnections() == 5
 * DatabaseConfig config = sizing.applyTo(DatabaseConfig.fromUrl(url));
 * }</pre>
 *
 * @param peak           the sum of the services' peaks
 * @param buffer         25 % of the peak, rounded down
 * @param maxConnections {@code min(peak + buffer, serverMaxConnections - reserved)}
 * @param minConnections {@code min(5, maxConnections)}: a floor of eagerly opened connections, kept low
 */
public record PoolSizing(int peak, int buffer, int maxConnections, int minConnections) {

    /** A service's estimated peak of concurrent connections. */
    public record ServicePeak(String service, int connections) {
        public ServicePeak {
            Objects.requireNonNull(service, "service");
            if (connections < 0) {
                throw new IllegalArgumentException("connections of " + service + " must not be negative, got " + connections);
            }
        }
    }

    /**
     * @param serverMaxConnections the server's {@code max_connections}
     * @param reserved             connections kept free for migrations, admin and {@code psql}
     */
    // snippet:pool-sizing
    public static PoolSizing calculate(List<ServicePeak> services, int serverMaxConnections, int reserved) {
        int peak = services.stream().mapToInt(ServicePeak::connections).sum();
        int buffer = (int) (peak * 0.25);
        int available = serverMaxConnections - reserved;
        if (available < 1) {
            throw new IllegalArgumentException("the server allows " + serverMaxConnections + " connections and "
                    + reserved + " are reserved: nothing is left for the pool; raise max_connections or reserve fewer");
        }
        int max = Math.max(1, Math.min(peak + buffer, available));
        return new PoolSizing(peak, buffer, max, Math.min(5, max));
    }
    // end:pool-sizing

    /** {@code config} with this pool size. */
    public DatabaseConfig applyTo(DatabaseConfig config) {
        return config.toBuilder().minConnections(minConnections).maxConnections(maxConnections).build();
    }
}
