package io.pgdbm.examples.sharedpool;

import io.pgdbm.DatabaseManager;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The billing module: invoices for orders and their payments.
 *
 * <pre>{@code
 * BillingService billing = new BillingService(new DatabaseManager(pool, "billing"));
 * long invoice = billing.invoice(order.id(), order.total());
 * billing.pay(invoice, order.total());
 * }</pre>
 *
 * <p>Thread-safe; it borrows its manager and has nothing to close.
 */
public final class BillingService {
    public static final String MODULE = "billing";
    static final String MIGRATIONS = "classpath:db/migrations/billing";

    private final DatabaseManager db;

    public BillingService(DatabaseManager dbManager) {
        this.db = Objects.requireNonNull(dbManager, "dbManager");
    }

    public MigrationResult initialize() {
        return new MigrationManager(db, MIGRATIONS, MODULE).applyPending();
    }

    /** Opens an invoice for an order; returns its id. */
    public long invoice(long orderId, BigDecimal amount) {
        return db.fetchValue(Long.class,
                "INSERT INTO {{tables.invoices}} (order_id, amount) VALUES ($1, $2) RETURNING id", orderId, amount);
    }

    /** Records a payment and marks the invoice paid once payments cover it, atomically. */
    public String pay(long invoiceId, BigDecimal amount) {
        return db.transaction(tx -> {
            tx.execute("INSERT INTO {{tables.payments}} (invoice_id, amount) VALUES ($1, $2)", invoiceId, amount);
            return tx.fetchValue(String.class, """
                    UPDATE {{tables.invoices}} i
                    SET status = CASE WHEN (SELECT sum(amount) FROM {{tables.payments}} WHERE invoice_id = i.id) >= i.amount
                                      THEN 'paid' ELSE 'open' END
                    WHERE i.id = $1
                    RETURNING status""", invoiceId);
        });
    }

    public DatabaseManager db() {
        return db;
    }
}
