package io.pgdbm;

/**
 * Root of every exception pgdbm throws. Unchecked: callers catch what they can handle.
 *
 * <pre>{@code
 * try {
 *     db.execute("INSERT INTO {{tables.users}} (email) VALUES ($1)", email);
 * } catch (QueryException e) {
 *     if ("23505".equals(e.sqlState())) { ... } // unique violation
 * }
 * }</pre>
 *
 * <p>Messages say what happened, to which object, and what to do; they never contain a password.
 */
public class PgdbmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PgdbmException(String message) {
        super(message);
    }

    public PgdbmException(String message, Throwable cause) {
        super(message, cause);
    }
}
