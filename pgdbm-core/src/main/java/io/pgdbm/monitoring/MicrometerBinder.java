package io.pgdbm.monitoring;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.pgdbm.DatabaseManager;
import io.pgdbm.QueryListener;
import io.pgdbm.SharedPool;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Publishes pgdbm's figures to Micrometer. The only class of pgdbm that needs {@code micrometer-core}, an
 * optional dependency: nothing else loads it, so applications without Micrometer never touch it.
 *
 * <pre>{@code
 * MicrometerBinder.bindPool(sharedPool, registry);            // HikariCP's own hikaricp.connections.* meters
 * AutoCloseable meters = MicrometerBinder.bind(monitor, registry); // pgdbm.queries, pgdbm.queries.failed, pgdbm.query.duration
 * }</pre>
 *
 * <p>Meters, each tagged {@code manager=<schema or database>}: {@code pgdbm.queries} and
 * {@code pgdbm.queries.failed} (function counters over the monitor), {@code pgdbm.queries.slow}, and the timer
 * {@code pgdbm.query.duration} (also tagged {@code operation} and {@code outcome=success|failure}).
 */
public final class MicrometerBinder {
    private MicrometerBinder() {
    }

    /** Installs HikariCP's Micrometer tracker on a running pool ({@code hikaricp.*} meters tagged {@code pool}). */
    public static void bindPool(SharedPool pool, MeterRegistry registry) {
        Objects.requireNonNull(pool, "pool");
        bindPool(pool.dataSource(), registry);
    }

    /** Installs HikariCP's Micrometer tracker on a manager's pool. */
    public static void bindPool(DatabaseManager db, MeterRegistry registry) {
        Objects.requireNonNull(db, "db");
        bindPool(db.dataSource(), registry);
    }

    private static void bindPool(DataSource dataSource, MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        try {
            dataSource.unwrap(HikariDataSource.class).setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        } catch (SQLException e) {
            throw new IllegalStateException("the pool is not a HikariCP pool: " + dataSource, e);
        }
    }

    /**
     * Registers the monitor's counters and a per-query timer; closing the result removes the meters and stops
     * timing (the monitor keeps running).
     */
    public static AutoCloseable bind(QueryMonitor monitor, MeterRegistry registry) {
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(registry, "registry");
        DatabaseManager db = monitor.database();
        Tags tags = Tags.of("manager", db.name());
        List<Meter> meters = List.of(
                FunctionCounter.builder("pgdbm.queries", monitor, m -> m.stats().executed())
                        .description("queries that completed").tags(tags).register(registry),
                FunctionCounter.builder("pgdbm.queries.failed", monitor, m -> m.stats().failed())
                        .description("queries that failed").tags(tags).register(registry),
                FunctionCounter.builder("pgdbm.queries.slow", monitor, m -> m.stats().slow())
                        .description("queries slower than the monitor's threshold").tags(tags).register(registry));
        QueryListener timing = event -> Timer.builder("pgdbm.query.duration")
                .description("wall time of pgdbm query calls")
                .tags(tags.and("operation", event.operation(), "outcome", event.success() ? "success" : "failure"))
                .register(registry)
                .record(event.duration());
        db.addQueryListener(timing);
        return () -> {
            db.removeQueryListener(timing);
            meters.forEach(registry::remove);
            registry.find("pgdbm.query.duration").tags(tags).meters().forEach(registry::remove);
        };
    }
}
