package io.pgdbm.migration;

import io.pgdbm.DatabaseManager;
import io.pgdbm.PgdbmException;
import io.pgdbm.SharedPool;
import io.pgdbm.internal.Identifiers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link MigrationManager#migrateSchemas}: one module into many schemas, in parallel, bounded by the pool. */
final class SchemaMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    private SchemaMigrations() {
    }

    static SchemaMigrationSummary run(SharedPool pool, String location, String moduleName, Collection<String> schemas,
                                      int parallelism) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(schemas, "schemas");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        List<String> targets = new ArrayList<>(new LinkedHashSet<>(schemas));
        targets.forEach(s -> Identifiers.require(s, "schema")); // every name checked before any SQL runs
        if (targets.isEmpty()) {
            return new SchemaMigrationSummary(Map.of(), Map.of());
        }
        List<Migration> files = MigrationSource.of(location).discover(); // read once, shared by every schema
        // each schema holds one connection at a time; leave none of the pool's connections unbounded
        int threads = Math.min(Math.min(parallelism, pool.config().maxConnections()), targets.size());
        AtomicInteger counter = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pgdbm-migrate-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<MigrationResult>> futures = new LinkedHashMap<>();
            for (String schema : targets) {
                futures.put(schema, executor.submit(() ->
                        new MigrationManager(new DatabaseManager(pool, schema), location, moduleName).applyPending(files)));
            }
            Map<String, MigrationResult> succeeded = new LinkedHashMap<>();
            Map<String, PgdbmException> failed = new LinkedHashMap<>();
            for (Map.Entry<String, Future<MigrationResult>> e : futures.entrySet()) {
                try {
                    succeeded.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    Throwable cause = ex.getCause();
                    PgdbmException failure = cause instanceof PgdbmException p ? p
                            : new MigrationException("[" + e.getKey() + "] migration failed: " + cause, moduleName,
                            null, null, null, null, cause);
                    LOG.warn("[{}] migrating schema {} failed: {}", moduleName == null ? e.getKey() : moduleName,
                            e.getKey(), failure.getMessage());
                    failed.put(e.getKey(), failure);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new MigrationException("interrupted while migrating schemas " + targets, moduleName, null,
                            null, null, null, ex);
                }
            }
            LOG.info("migrated {} schema(s): {} succeeded, {} failed", targets.size(), succeeded.size(), failed.size());
            return new SchemaMigrationSummary(succeeded, failed);
        } finally {
            executor.shutdownNow();
        }
    }
}
