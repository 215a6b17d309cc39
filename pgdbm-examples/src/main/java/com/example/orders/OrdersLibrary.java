package com.example.orders;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.migration.MigrationManager;
import java.math.BigDecimal;

/**
 * Orders as a dual-mode library: it owns its pool (standalone) or borrows an application's manager (library mode),
 * and applies its own migrations either way.
 *
 * <pre>{@code
 * try (OrdersLibrary orders = new OrdersLibrary(DatabaseConfig.fromUrl(url))) {         // standalone
 *     orders.place(42, new BigDecimal("9.90"));
 * }
 * OrdersLibrary orders = new OrdersLibrary(new DatabaseManager(pool, "orders"), "orders"); // in an application
 * }</pre>
 */
public final class OrdersLibrary implements AutoCloseable {
    private final DatabaseManager db;
    private final boolean ownsPool;

    /** Standalone: opens a pool of its own from {@code config}. */
    public OrdersLibrary(DatabaseConfig config) {
        this(new DatabaseManager(config), true);
    }

    /** Library mode: borrows {@code manager}, whose schema {@code schema} gets the tables. */
    public OrdersLibrary(DatabaseManager manager, String schema) {
        this(inSchema(manager, schema), false);
    }

    private static DatabaseManager inSchema(DatabaseManager manager, String schema) {
        if (!manager.schema().orElse("public").equals(schema)) {
            throw new IllegalArgumentException("OrdersLibrary: the manager is in schema '"
                    + manager.schema().orElse("public") + "', not '" + schema + "'; pass new DatabaseManager(pool, \""
                    + schema + "\")");
        }
        return manager;
    }

    private OrdersLibrary(DatabaseManager db, boolean ownsPool) {
        this.db = db;
        this.ownsPool = ownsPool;
        if (ownsPool) {
            db.connect();
        }
        try {
            new MigrationManager(db, "classpath:db/orders", "orders").applyPending();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Records an order and returns its id. */
    public long place(long customerId, BigDecimal total) {
        return db.fetchValue(Long.class,
                "INSERT INTO {{tables.orders}} (customer_id, total) VALUES ($1, $2) RETURNING id", customerId, total);
    }

    public long count() {
        return db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.orders}}");
    }

    /** Closes the pool if this library opened it; a borrowed manager is left to its owner. */
    @Override
    public void close() {
        if (ownsPool) {
            db.close();
        }
    }
}
