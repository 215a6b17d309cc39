package io.pgdbm.examples.sharedtable;

import io.pgdbm.DatabaseManager;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import java.util.List;
import java.util.Objects;

/**
 * A truly shared table: {@code public.service_registry}, one registry that every service of the database reads
 * and writes, whatever schema the service lives in.
 *
 * <p>This is the one place where the examples name a schema instead of writing {@code {{tables.x}}}: the table
 * belongs to no module's schema by design. It is qualified explicitly because an unqualified name follows the
 * connection's {@code search_path}, which an owning manager with a schema starts with its own schema.
 *
 * <pre>{@code
 * ServiceRegistry registry = new ServiceRegistry(new DatabaseManager(pool));   // history in public
 * registry.initialize();
 * registry.register("orders", "http://orders.internal:8080");
 * }</pre>
 *
 * <p>Thread-safe; it borrows its manager and has nothing to close.
 */
public final class ServiceRegistry {
    public static final String MODULE = "service_registry";
    /** Where its migrations ship (in its jar), for composing it with {@link io.pgdbm.migration.ModuleSet}. */
    public static final String MIGRATIONS = "classpath:db/migrations/registry";

    private final DatabaseManager db;

    public ServiceRegistry(DatabaseManager dbManager) {
        this.db = Objects.requireNonNull(dbManager, "dbManager");
    }

    public MigrationResult initialize() {
        return new MigrationManager(db, MIGRATIONS, MODULE).applyPending();
    }

    // snippet:shared-table
    /** Adds or updates a service's entry. */
    public void register(String serviceName, String serviceUrl) {
        db.execute("""
                INSERT INTO public.service_registry (service_name, service_url) VALUES ($1, $2)
                ON CONFLICT (service_name) DO UPDATE SET service_url = EXCLUDED.service_url, healthy = true""",
                serviceName, serviceUrl);
    }
    // end:shared-table

    public void markUnhealthy(String serviceName) {
        db.execute("UPDATE public.service_registry SET healthy = false WHERE service_name = $1", serviceName);
    }

    public List<Entry> services() {
        return db.fetchAll(Entry.class,
                "SELECT service_name, service_url, healthy FROM public.service_registry ORDER BY service_name");
    }

    /** A registered service. */
    public record Entry(String serviceName, String serviceUrl, boolean healthy) {
    }
}
