package io.pgdbm.examples.sharedpool;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import io.pgdbm.migration.MigrationResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Pattern 3, the shared-pool application: users, orders and billing on one pool, each in its own schema with its
 * own migrations.
 *
 * <pre>{@code
 * try (Application app = Application.start(DatabaseConfig.fromUrl(url).toBuilder()
 *         .minConnections(5).maxConnections(50).build())) {
 *     long user = app.users().register("ada@example.com", "Ada");
 * }
 * }</pre>
 *
 * <p>The pool is sized for all modules together ({@link PoolSizing}); watch it with {@link PoolHealthMonitor}.
 */
public final class Application implements AutoCloseable {
    private final SharedPool pool;
    private final UserService users;
    private final OrderService orders;
    private final BillingService billing;
    private final Map<String, MigrationResult> migrations;

    private Application(SharedPool pool, UserService users, OrderService orders, BillingService billing,
                        Map<String, MigrationResult> migrations) {
        this.pool = pool;
        this.users = users;
        this.orders = orders;
        this.billing = billing;
        this.migrations = migrations;
    }

    // snippet:shared-pool-app
    /** Opens the shared pool and initializes every service in dependency order (users before orders). */
    public static Application start(DatabaseConfig config) {
        Objects.requireNonNull(config, "config");
        SharedPool pool = SharedPool.create(config);   // the pool's size is the total for ALL services
        try {
            UserService users = new UserService(new DatabaseManager(pool, "users"));
            OrderService orders = new OrderService(new DatabaseManager(pool, "orders"), users);
            BillingService billing = new BillingService(new DatabaseManager(pool, "billing"));

            Map<String, MigrationResult> migrations = new LinkedHashMap<>();
            migrations.put(UserService.MODULE, users.initialize());   // each service runs its own migrations
            migrations.put(OrderService.MODULE, orders.initialize());
            migrations.put(BillingService.MODULE, billing.initialize());
            return new Application(pool, users, orders, billing, migrations);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The services borrow their managers and hold nothing to close, so closing the pool is the whole shutdown. */
    @Override
    public void close() {
        pool.close();
    }
    // end:shared-pool-app

    public UserService users() {
        return users;
    }

    public OrderService orders() {
        return orders;
    }

    public BillingService billing() {
        return billing;
    }

    public SharedPool pool() {
        return pool;
    }

    /** What each module's {@code initialize()} applied, in the order they ran. */
    public Map<String, MigrationResult> migrations() {
        return Map.copyOf(migrations);
    }
}
