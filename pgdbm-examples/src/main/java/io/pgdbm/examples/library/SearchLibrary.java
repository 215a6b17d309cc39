package io.pgdbm.examples.library;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import java.util.List;
import java.util.Objects;

/**
 * Pattern 2, the reusable library: a small full-text search that works on a database of its own or inside an
 * application's shared pool, in any schema.
 *
 * <pre>{@code
 * // Standalone: the library opens (and later closes) its own pool.
 * SearchLibrary search = new SearchLibrary("postgresql://localhost/search", null, "search");
 *
 * // Embedded: the application lends a manager of its shared pool; the library never closes it.
 * SearchLibrary search = new SearchLibrary(null, new DatabaseManager(sharedPool, "memory"), null);
 *
 * search.initialize();   // always runs the library's own migrations, module "search_<schema>"
 * search.index("product:42", "Walnut desk lamp with a warm LED");
 * List<SearchLibrary.Hit> hits = search.search("desk lamp");
 * search.close();
 * }</pre>
 *
 * <p>Its migrations ship in its jar ({@code db/migrations/search}) and are loaded from the class path; its queries
 * name tables only through {@code {{tables.x}}}. Thread-safe once initialized.
 */
public final class SearchLibrary implements AutoCloseable {
    /** Where its migrations ship (in its jar), for composing it with {@link io.pgdbm.migration.ModuleSet}. */
    public static final String MIGRATIONS = "classpath:db/migrations/search";

    private final DatabaseConfig ownConfig;
    private final boolean externalDb;
    private DatabaseManager db;

    // snippet:library-constructor
    /**
     * @param connectionString the database to own (standalone), or {@code null}
     * @param dbManager        a manager to borrow (embedded), or {@code null}
     * @param schema           the schema of a standalone library; an embedded one lives in its manager's schema
     * @throws IllegalArgumentException when neither or both of {@code connectionString} and {@code dbManager} are given
     */
    public SearchLibrary(String connectionString, DatabaseManager dbManager, String schema) {
        this(connectionString == null ? null : DatabaseConfig.fromUrl(connectionString).toBuilder().schema(schema).build(),
                dbManager, schema);
    }

    /** A standalone library with a config of your own (its schema, if any, is the library's schema). */
    public SearchLibrary(DatabaseConfig config) {
        this(Objects.requireNonNull(config, "config"), null, null);
    }

    private SearchLibrary(DatabaseConfig config, DatabaseManager dbManager, String schema) {
        if (config == null && dbManager == null) {
            throw new IllegalArgumentException("SearchLibrary needs a database: pass a connection string (or a "
                    + "DatabaseConfig) to let it own a pool, or a DatabaseManager to let it borrow one");
        }
        if (config != null && dbManager != null) {
            throw new IllegalArgumentException("SearchLibrary got both a connection string and a DatabaseManager; "
                    + "pass one: the connection string to own a pool, the manager to borrow one");
        }
        if (dbManager != null && schema != null && !schema.equals(dbManager.schema().orElse("public"))) {
            throw new IllegalArgumentException("SearchLibrary: schema '" + schema + "' differs from the borrowed "
                    + "manager's schema '" + dbManager.schema().orElse("public") + "'; an embedded library lives "
                    + "in its manager's schema: create the manager with new DatabaseManager(pool, \"" + schema + "\")");
        }
        this.ownConfig = config;
        this.externalDb = dbManager != null;
        this.db = dbManager;
    }
    // end:library-constructor

    // snippet:library-initialize
    /** Connects when standalone, then ALWAYS applies the library's own migrations. */
    public synchronized MigrationResult initialize() {
        if (!externalDb && db == null) {
            DatabaseManager opened = new DatabaseManager(ownConfig);
            opened.connect();
            db = opened;
        }
        return new MigrationManager(db, MIGRATIONS, moduleName()).applyPending();
    }

    /** Unique per schema, so two copies of the library in one database keep separate histories. */
    public String moduleName() {
        return "search_" + schema();
    }

    /** Closes the pool only when the library opened it; a borrowed manager stays with its owner. */
    @Override
    public synchronized void close() {
        if (!externalDb && db != null) {
            db.close();
            db = null;
        }
    }
    // end:library-initialize

    /** Adds or replaces the document {@code ref}. */
    public void index(String ref, String body) {
        db().execute("""
                INSERT INTO {{tables.documents}} (ref, body) VALUES ($1, $2)
                ON CONFLICT (ref) DO UPDATE SET body = EXCLUDED.body""", ref, body);
    }

    /** Documents matching every word of {@code query}, best first. */
    public List<Hit> search(String query) {
        return db().fetchAll(Hit.class, """
                SELECT ref, round(ts_rank(document, q)::numeric, 4)::float8 AS rank
                FROM {{tables.documents}}, plainto_tsquery('english', $1) AS q
                WHERE document @@ q
                ORDER BY rank DESC, ref""", query);
    }

    /** How many documents are indexed. */
    public long count() {
        return db().fetchValue(Long.class, "SELECT count(*) FROM {{tables.documents}}");
    }

    /** {@code true} when the library borrows its manager (embedded), {@code false} when it owns its pool. */
    public boolean isEmbedded() {
        return externalDb;
    }

    /** The schema the library's tables are in. */
    public String schema() {
        return externalDb ? db.schema().orElse("public") : ownConfig.schema().orElse("public");
    }

    synchronized DatabaseManager db() {
        if (db == null) {
            throw new IllegalStateException("SearchLibrary is not initialized" + (externalDb ? "" : " or was closed")
                    + ": call initialize() first");
        }
        return db;
    }

    /** A matching document and its rank. */
    public record Hit(String ref, double rank) {
    }
}
