package io.pgdbm;

/**
 * The body of {@link DatabaseManager#transaction(TransactionCallback)}; its result is the transaction's result.
 *
 * <pre>{@code
 * long orderId = db.transaction(tx -> {
 *     long id = (Long) tx.executeAndReturnId("INSERT INTO {{tables.orders}} (user_id) VALUES ($1)", userId);
 *     tx.execute("UPDATE {{tables.users}} SET order_count = order_count + 1 WHERE id = $1", userId);
 *     return id;
 * });
 * }</pre>
 */
@FunctionalInterface
public interface TransactionCallback<T> {
    T apply(Transaction tx) throws Exception;
}
