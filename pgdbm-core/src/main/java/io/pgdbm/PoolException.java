package io.pgdbm;

/**
 * The connection pool is unusable for this call: the manager is not connected or already closed, it borrows a
 * pool it may not manage, or no connection became free within the acquire timeout (the message then carries the
 * pool's numbers and the setting to change).
 *
 * <pre>{@code
 * DatabaseManager db = new DatabaseManager(sharedPool, "orders");
 * db.connect(); // PoolException: the pool belongs to its owner
 * }</pre>
 */
public class PoolException extends PgdbmException {
    private static final long serialVersionUID = 1L;

    public PoolException(String message) {
        super(message);
    }

    public PoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
