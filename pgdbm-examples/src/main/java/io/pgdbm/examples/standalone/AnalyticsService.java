package io.pgdbm.examples.standalone;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import java.util.List;
import java.util.Objects;

/**
 * Pattern 1, the standalone service: it owns its pool and its database, runs its own migrations under its own
 * module name, and closes everything it opened.
 *
 * <pre>{@code
 * try (AnalyticsService analytics = new AnalyticsService("postgresql://localhost/analytics")) {
 *     analytics.initialize();
 *     analytics.record("order_placed", "{\"total\": 42.50}");
 * }
 * }</pre>
 *
 * <p>Thread-safe once initialized.
 */
public final class AnalyticsService implements AutoCloseable {
    /** The module name its migrations are recorded under. */
    public static final String MODULE = "analytics";
    static final String MIGRATIONS = "classpath:db/migrations/analytics";

    private final DatabaseConfig config;
    private DatabaseManager db;
    private MigrationResult migrations;

    /** A service for the database at {@code connectionString}, with a pool of 10 to 20 connections. */
    public AnalyticsService(String connectionString) {
        // snippet:standalone-config
        this(DatabaseConfig.fromUrl(connectionString).toBuilder()
                .minConnections(10)
                .maxConnections(20)
                .build());
        // end:standalone-config
    }

    /** A service with a config of your own (pool size, timeouts, TLS). */
    public AnalyticsService(DatabaseConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    // snippet:standalone-lifecycle
    /** Opens the pool and applies pending migrations; returns what the migrations did. */
    public synchronized MigrationResult initialize() {
        if (db == null) {
            DatabaseManager opened = new DatabaseManager(config);
            opened.connect();
            try {
                migrations = new MigrationManager(opened, MIGRATIONS, MODULE).applyPending();
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
            db = opened;
        }
        return migrations;
    }

    /** Closes the pool; idempotent. */
    @Override
    public synchronized void close() {
        if (db != null) {
            db.close();
            db = null;
        }
    }
    // end:standalone-lifecycle

    /** Records an event with a JSON payload; returns its id. */
    public long record(String kind, String jsonPayload) {
        return ((Number) db().executeAndReturnId(
                "INSERT INTO {{tables.events}} (kind, payload) VALUES ($1, $2::jsonb)", kind, jsonPayload)).longValue();
    }

    /** How many events of each kind were recorded, most frequent first. */
    public List<KindCount> countsByKind() {
        return db().fetchAll(KindCount.class,
                "SELECT kind, count(*) AS events FROM {{tables.events}} GROUP BY kind ORDER BY events DESC, kind");
    }

    /** The manager, for reports and tests; owned by this service. */
    public synchronized DatabaseManager db() {
        if (db == null) {
            throw new IllegalStateException("AnalyticsService is not initialized: call initialize() first");
        }
        return db;
    }

    /** Events of one kind. */
    public record KindCount(String kind, long events) {
    }
}
