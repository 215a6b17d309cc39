package io.pgdbm;

/**
 * The body of {@link DatabaseManager#transaction(TransactionCallback)}; its result is the transaction's result. The
 * body may throw one checked exception type {@code X}, which {@code transaction} rethrows unchanged after the
 * rollback (as Jdbi's {@code HandleCallback}); a body that throws none needs no {@code throws} clause.
 *
 * <pre>{@code
 * long orderId = db.transaction(tx -> {
 *     long id = (Long) tx.executeAndReturnId("INSERT INTO {{tables.orders}} (user_id) VALUES ($1)", userId);
 *     tx.execute("UPDATE {{tables.users}} SET order_count = order_count + 1 WHERE id = $1", userId);
 *     return id;
 * });
 * Receipt r = db.transaction(tx -> charge(tx, card)); // charge(...) throws PaymentDeclined: so does this line
 * }</pre>
 *
 * @param <R> the result
 * @param <X> the checked exception the body may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface TransactionCallback<R, X extends Exception> {
    R apply(Transaction tx) throws X;
}
