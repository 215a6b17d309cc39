package io.pgdbm;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Objects;

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
 * <p>Not thread-safe: use a transaction from the thread that runs its body. Once the body has returned (or thrown)
 * the transaction is over: any further use is an {@link IllegalStateException}.
 */
public final class Transaction extends Queries {
    private final DatabaseManager manager;
    private final Connection connection;
    private int savepoints;
    private boolean ended;

    Transaction(DatabaseManager manager, Connection connection) {
        this.manager = manager;
        this.connection = connection;
    }

    /**
     * Runs {@code body} inside a savepoint: released when the body returns, rolled back to when it throws (the
     * exception is rethrown unchanged and the outer transaction continues if the caller catches it).
     */
    public <R, X extends Exception> R savepoint(TransactionCallback<R, X> body) throws X {
        Objects.requireNonNull(body, "body");
        requireActive("savepoint");
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint("pgdbm_sp_" + (++savepoints));
        } catch (SQLException e) {
            throw manager.engine().failure("savepoint", "SAVEPOINT", null, e);
        }
        R result;
        try {
            result = body.apply(this);
        } catch (Throwable t) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw manager.engine().failure("savepoint", "RELEASE SAVEPOINT", null, e);
        }
        return result;
    }

    /** {@link #savepoint(TransactionCallback)} for a body without a result. */
    public <X extends Exception> void useSavepoint(TransactionConsumer<X> body) throws X {
        Objects.requireNonNull(body, "body");
        savepoint(tx -> {
            body.accept(tx);
            return null;
        });
    }

    /** The transaction's JDBC connection, for APIs that need one; do not commit, roll back or close it. */
    public Connection connection() {
        requireActive("connection()");
        return connection;
    }

    /** Called when the body has returned or thrown: from now on the transaction refuses to be used. */
    void end() {
        ended = true;
    }

    private void requireActive(String what) {
        if (ended) {
            throw new IllegalStateException("[" + manager.name() + "] " + what + " was called on a Transaction whose"
                    + " body has already returned: the transaction is committed or rolled back and its connection is"
                    + " back in the pool. Run the statement inside the transaction(tx -> ...) body, or on the manager;"
                    + " do not keep the Transaction (or a stream from it) past its body.");
        }
    }

    @Override
    QueryEngine engine() {
        return manager.engine();
    }

    @Override
    Connection borrow() {
        requireActive("a query");
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
