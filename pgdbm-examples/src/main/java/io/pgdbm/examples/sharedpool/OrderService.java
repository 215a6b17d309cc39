package io.pgdbm.examples.sharedpool;

import io.pgdbm.DatabaseManager;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The orders module: orders and their lines, each order belonging to a user of the users module.
 *
 * <p>The reference to the user is checked twice. The table has a real foreign key to {@code users.users}
 * (PostgreSQL enforces foreign keys across schemas of one database), and {@link #createOrder} asks the
 * {@link UserService} first, so a caller gets a clear {@link UnknownUserException} instead of a constraint
 * violation. The application check alone is what you keep if the users module may move to another database.
 *
 * <pre>{@code
 * OrderService orders = new OrderService(new DatabaseManager(pool, "orders"), users);
 * orders.initialize();   // after users: its migration references users.users
 * Order order = orders.createOrder(userId, List.of(new OrderService.Line("LAMP-1", 2, new BigDecimal("39.90"))));
 * }</pre>
 *
 * <p>Thread-safe; it borrows its manager and has nothing to close.
 */
public final class OrderService {
    public static final String MODULE = "orders";
    /** Where its migrations ship (in its jar), for composing it with {@link io.pgdbm.migration.ModuleSet}. */
    public static final String MIGRATIONS = "classpath:db/migrations/orders";

    private final DatabaseManager db;
    private final UserService users;

    public OrderService(DatabaseManager dbManager, UserService users) {
        this.db = Objects.requireNonNull(dbManager, "dbManager");
        this.users = Objects.requireNonNull(users, "users");
    }

    public MigrationResult initialize() {
        return new MigrationManager(db, MIGRATIONS, MODULE).applyPending();
    }

    // snippet:cross-schema-validate
    /** Places an order for an existing user; its total is the sum of the lines. */
    public Order createOrder(long userId, List<Line> lines) {
        if (users.getUser(userId).isEmpty()) {
            throw new UnknownUserException(userId);
        }
        BigDecimal total = lines.stream()
                .map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return db.transaction(tx -> {
            Order order = tx.fetchOne(Order.class,
                    "INSERT INTO {{tables.orders}} (user_id, total) VALUES ($1, $2) RETURNING id, user_id, total",
                    userId, total).orElseThrow();
            tx.executeMany("INSERT INTO {{tables.order_items}} (order_id, sku, quantity, unit_price) VALUES ($1, $2, $3, $4)",
                    lines.stream().map(l -> new Object[] {order.id(), l.sku(), l.quantity(), l.unitPrice()}).toList());
            return order;
        });
    }
    // end:cross-schema-validate

    public Optional<Order> getOrder(long id) {
        return db.fetchOne(Order.class, "SELECT id, user_id, total FROM {{tables.orders}} WHERE id = $1", id);
    }

    public List<Order> ordersOf(long userId) {
        return db.fetchAll(Order.class, "SELECT id, user_id, total FROM {{tables.orders}} WHERE user_id = $1 ORDER BY id", userId);
    }

    public DatabaseManager db() {
        return db;
    }

    /** An order's head. */
    public record Order(long id, long userId, BigDecimal total) {
    }

    /** One line of an order. */
    public record Line(String sku, int quantity, BigDecimal unitPrice) {
        public Line {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(unitPrice, "unitPrice");
            if (quantity < 1) {
                throw new IllegalArgumentException("quantity must be at least 1, got " + quantity);
            }
        }
    }

    /** The order names a user the users module does not know. */
    public static final class UnknownUserException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnknownUserException(long userId) {
            super("User not found: " + userId + " (checked in the users module before inserting the order)");
        }
    }
}
