package io.pgdbm;

/**
 * The body of {@link DatabaseManager#useTransaction(TransactionConsumer)}, for transactions without a result. Like
 * {@link TransactionCallback}, it may throw one checked exception type, rethrown unchanged after the rollback.
 *
 * <pre>{@code
 * db.useTransaction(tx -> {
 *     tx.execute("UPDATE {{tables.accounts}} SET balance = balance - $1 WHERE id = $2", amount, from);
 *     tx.execute("UPDATE {{tables.accounts}} SET balance = balance + $1 WHERE id = $2", amount, to);
 * });
 * }</pre>
 *
 * @param <X> the checked exception the body may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface TransactionConsumer<X extends Exception> {
    void accept(Transaction tx) throws X;
}
