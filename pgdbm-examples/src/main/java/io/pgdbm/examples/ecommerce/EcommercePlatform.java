package io.pgdbm.examples.ecommerce;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import io.pgdbm.examples.library.SearchLibrary;
import io.pgdbm.examples.sharedpool.OrderService;
import io.pgdbm.examples.sharedpool.UserService;
import io.pgdbm.examples.sharedtable.ServiceRegistry;
import io.pgdbm.examples.standalone.AnalyticsService;
import io.pgdbm.migration.MigrationResult;
import io.pgdbm.migration.Module;
import io.pgdbm.migration.ModuleSet;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The guide's e-commerce platform, composing all three patterns: catalog, orders and users on one shared pool
 * (Pattern 3), the search library embedded in schema {@code memory} of that pool (Pattern 2), and analytics on a
 * database of its own (Pattern 1).
 *
 * <pre>{@code
 * try (EcommercePlatform shop = EcommercePlatform.start(shopConfig, analyticsConfig)) {
 *     shop.addProduct("LAMP-1", "Walnut desk lamp", new BigDecimal("39.90"));
 *     long ada = shop.users().register("ada@example.com", "Ada");
 *     shop.checkout(ada, Map.of("LAMP-1", 2));
 * }
 * }</pre>
 *
 * <p>Composition is explicit: the platform builds a manager for every module and hands it over; nothing is
 * wired automatically. The modules of the shared pool form a {@link ModuleSet} ({@link #modules()}), migrated in
 * dependency order, each into its schema; analytics, on a database of its own, migrates itself.
 */
public final class EcommercePlatform implements AutoCloseable {
    private final SharedPool pool;
    private final UserService users;
    private final CatalogService catalog;
    private final OrderService orders;
    private final SearchLibrary search;
    private final ServiceRegistry registry;
    private final AnalyticsService analytics;
    private final List<ModuleMigration> migrations = new ArrayList<>();

    // snippet:ecommerce-compose
    private EcommercePlatform(DatabaseConfig shopConfig, DatabaseConfig analyticsConfig) {
        // Shared pool for the core services, one schema each
        pool = SharedPool.create(shopConfig);
        users = new UserService(new DatabaseManager(pool, "users"));
        catalog = new CatalogService(new DatabaseManager(pool, "catalog"));
        orders = new OrderService(new DatabaseManager(pool, "orders"), users);
        registry = new ServiceRegistry(new DatabaseManager(pool));

        // The reusable search library, embedded in schema "memory" of the same pool
        search = new SearchLibrary(null, new DatabaseManager(pool, "memory"), null);

        // Analytics runs standalone, on a database of its own
        analytics = new AnalyticsService(analyticsConfig);
    }
    // end:ecommerce-compose

    /** Opens the pools and migrates every module in dependency order; on failure, closes what it opened. */
    public static EcommercePlatform start(DatabaseConfig shopConfig, DatabaseConfig analyticsConfig) {
        Objects.requireNonNull(shopConfig, "shopConfig");
        Objects.requireNonNull(analyticsConfig, "analyticsConfig");
        EcommercePlatform platform = new EcommercePlatform(shopConfig, analyticsConfig);
        try {
            for (MigrationResult r : platform.modules().migrate(platform.pool)) {
                platform.migrations.add(new ModuleMigration(r.schema() == null ? "public" : r.schema(), r));
            }
            platform.migrations.add(new ModuleMigration(analyticsConfig.schema().orElse("public"),
                    platform.analytics.initialize()));
            for (String service : List.of("users", "catalog", "orders", "search")) {
                platform.registry.register(service, "in-process:" + service);
            }
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** Adds a product to the catalog and indexes its name for search. */
    public CatalogService.Product addProduct(String sku, String name, BigDecimal price) {
        CatalogService.Product product = catalog.addProduct(sku, name, price);
        search.index("product:" + sku, name);
        return product;
    }

    /** Prices the lines from the catalog, places the order, and records the event in analytics. */
    public OrderService.Order checkout(long userId, Map<String, Integer> quantities) {
        List<OrderService.Line> lines = new ArrayList<>();
        quantities.forEach((sku, quantity) -> {
            CatalogService.Product product = catalog.bySku(sku)
                    .orElseThrow(() -> new IllegalArgumentException("no product with sku " + sku));
            lines.add(new OrderService.Line(sku, quantity, product.price()));
        });
        OrderService.Order order = orders.createOrder(userId, lines);
        analytics.record("order_placed", "{\"order\": " + order.id() + ", \"total\": " + order.total() + "}");
        return order;
    }

    /** Searches product names. */
    public List<SearchLibrary.Hit> searchProducts(String query) {
        analytics.record("search", "{\"query\": \"" + query.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        return search.search(query);
    }

    /** Closes the standalone analytics pool, then the shared pool; the embedded modules hold nothing of their own. */
    @Override
    public void close() {
        try {
            search.close();   // embedded: leaves the shared pool open
            analytics.close();
        } finally {
            pool.close();
        }
    }

    /**
     * The modules on the shared pool, each in its schema, declared in any order: orders' migration references
     * {@code users.users}, so users (and catalog) are migrated first.
     */
    // snippet:ecommerce-modules
    public ModuleSet modules() {
        return ModuleSet.of(
                Module.of(OrderService.MODULE, OrderService.MIGRATIONS).withSchema("orders")
                        .withDependsOn(UserService.MODULE, CatalogService.MODULE),
                Module.of(search.moduleName(), SearchLibrary.MIGRATIONS).withSchema("memory"),
                Module.of(UserService.MODULE, UserService.MIGRATIONS).withSchema("users"),
                Module.of(CatalogService.MODULE, CatalogService.MIGRATIONS).withSchema("catalog"),
                Module.of(ServiceRegistry.MODULE, ServiceRegistry.MIGRATIONS));   // in public
    }
    // end:ecommerce-modules

    /** What each module's migrations did, in the order the modules were migrated. */
    public List<ModuleMigration> migrations() {
        return List.copyOf(migrations);
    }

    public SharedPool pool() {
        return pool;
    }

    public UserService users() {
        return users;
    }

    public CatalogService catalog() {
        return catalog;
    }

    public OrderService orders() {
        return orders;
    }

    public SearchLibrary search() {
        return search;
    }

    public ServiceRegistry registry() {
        return registry;
    }

    public AnalyticsService analytics() {
        return analytics;
    }

    /** One module's migration run: the schema it ran in (analytics: in its own database) and the result. */
    public record ModuleMigration(String schema, MigrationResult result) {
        /** The module name the history records, e.g. {@code search_memory}. */
        public String module() {
            return result.module();
        }
    }
}
