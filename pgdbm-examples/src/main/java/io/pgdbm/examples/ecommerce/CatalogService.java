package io.pgdbm.examples.ecommerce;

import io.pgdbm.DatabaseManager;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The e-commerce catalog: products with prices, in its manager's schema.
 *
 * <pre>{@code
 * CatalogService catalog = new CatalogService(new DatabaseManager(pool, "catalog"));
 * catalog.initialize();
 * catalog.addProduct("LAMP-1", "Walnut desk lamp", new BigDecimal("39.90"));
 * }</pre>
 *
 * <p>Thread-safe; it borrows its manager and has nothing to close.
 */
public final class CatalogService {
    public static final String MODULE = "catalog";
    /** Where its migrations ship (in its jar), for composing it with {@link io.pgdbm.migration.ModuleSet}. */
    public static final String MIGRATIONS = "classpath:db/migrations/catalog";

    private final DatabaseManager db;

    public CatalogService(DatabaseManager dbManager) {
        this.db = Objects.requireNonNull(dbManager, "dbManager");
    }

    public MigrationResult initialize() {
        return new MigrationManager(db, MIGRATIONS, MODULE).applyPending();
    }

    public Product addProduct(String sku, String name, BigDecimal price) {
        return db.fetchOne(Product.class,
                "INSERT INTO {{tables.products}} (sku, name, price) VALUES ($1, $2, $3) RETURNING id, sku, name, price",
                sku, name, price).orElseThrow();
    }

    public Optional<Product> bySku(String sku) {
        return db.fetchOne(Product.class, "SELECT id, sku, name, price FROM {{tables.products}} WHERE sku = $1", sku);
    }

    public List<Product> all() {
        return db.fetchAll(Product.class, "SELECT id, sku, name, price FROM {{tables.products}} ORDER BY sku");
    }

    public DatabaseManager db() {
        return db;
    }

    /** A product of the catalog. */
    public record Product(long id, String sku, String name, BigDecimal price) {
    }
}
