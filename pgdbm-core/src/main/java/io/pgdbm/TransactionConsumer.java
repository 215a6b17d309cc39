package io.pgdbm;

/**
 * The body of {@link DatabaseManager#useTransaction(TransactionConsumer)}, for transactions without a result.
 *
 * <pre>{@code
 * db.useTransaction(tx -> {
 *     tx.execute("UPDATE {{tables.accounts}} SET balance = balance - $1 WHERE id = $2", amount, from);
 *     tx.execute("UPDATE {{tables.accounts}} SET balance = balance + $1 WHERE id = $2", amount, to);
 * });
 * }</pre>
 */
@FunctionalInterface
public interface TransactionConsumer {
    void accept(Transaction tx) throws Exception;
}
