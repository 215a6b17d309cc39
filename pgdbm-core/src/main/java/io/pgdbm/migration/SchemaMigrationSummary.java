package io.pgdbm.migration;

import io.pgdbm.PgdbmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-schema outcome of {@link MigrationManager#migrateSchemas}: a result for each schema that migrated, an
 * exception for each that failed, both in the order the schemas were given.
 *
 * <pre>{@code
 * SchemaMigrationSummary summary = MigrationManager.migrateSchemas(pool, "classpath:db/tenant", "tenant", tenants, 4);
 * if (!summary.isSuccess()) {
 *     summary.failed().forEach((schema, e) -> log.error("[{}] {}", schema, e.getMessage()));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param succeeded schema → result ({@link MigrationResult.Status#SUCCESS} or {@link MigrationResult.Status#UP_TO_DATE})
 * @param failed    schema → the exception that stopped it (usually a {@link MigrationException})
 */
public record SchemaMigrationSummary(Map<String, MigrationResult> succeeded, Map<String, PgdbmException> failed) {
    public SchemaMigrationSummary {
        succeeded = Collections.unmodifiableMap(new LinkedHashMap<>(succeeded));
        failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
    }

    /** Whether every schema migrated. */
    public boolean isSuccess() {
        return failed.isEmpty();
    }
}
