package io.pgdbm;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A transaction on one pooled connection, handed to {@link DatabaseManager#transaction(TransactionCallback)}. It
 * has the manager's query methods ({@link Queries}); they all run on this transaction's connection. Calls made on
 * the manager itself inside the body use other connections and are <em>not</em> part of the transaction.
 *
 * <pre>{@code
 * db.useTransaction(tx -> {
 *     tx.execute("INSERT INTO {{tables.orders}} (id, total) VALUES ($1, $2)", id, total);
 *     try {
 *         tx.useSavepoint(sp -> sp.execute("INSERT INTO {{tables.audit}} (order_id) VALUES ($1)", id));
 *     } catch (QueryException e) {
 *         // only the savepoint's work is undone; the order stays
 *     }
 * });
 * }</pre>
 *
 * <p>Not thread-safe: use a transaction from the thread that runs its body, and not after the body returned.
 */
public final class Transaction extends Queries {
    private final DatabaseManager manager;
    private final Connection connection;
    private int savepoints;

    Transaction(DatabaseManager manager, Connection connection) {
        this.manager = manager;
        this.connection = connection;
    }

    /**
     * Runs {@code body} inside a savepoint: released when the body returns, rolled back to when it throws (the
     * exception is rethrown and the outer transaction continues if the caller catches it).
     */
    public <T> T savepoint(TransactionCallback<T> body) {
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint("pgdbm_sp_" + (++savepoints));
        } catch (SQLException e) {
            throw manager.engine().failure("savepoint", "SAVEPOINT", null, e);
        }
        try {
            T result = body.apply(this);
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (Throwable t) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException e) {
                t.addSuppressed(e);
            }
            throw DatabaseManager.rethrow(t);
        }
    }

    /** {@link #savepoint(TransactionCallback)} for a body without a result. */
    public void useSavepoint(TransactionConsumer body) {
        savepoint(tx -> {
            body.accept(tx);
            return null;
        });
    }

    /** The transaction's JDBC connection, for APIs that need one; do not commit, roll back or close it. */
    public Connection connection() {
        return connection;
    }

    @Override
    QueryEngine engine() {
        return manager.engine();
    }

    @Override
    Connection borrow() {
        return connection;
    }

    @Override
    void release(Connection c) {
        // the transaction's connection is released when the transaction ends
    }

    @Override
    boolean inTransaction() {
        return true;
    }
}
