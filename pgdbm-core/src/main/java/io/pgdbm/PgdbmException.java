package io.pgdbm;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Root of every exception pgdbm throws. Unchecked: callers catch what they can handle. When the failure came from
 * the server, {@link #sqlState()} holds its SQLState, so no caller needs to read it out of a message.
 *
 * <pre>{@code
 * try {
 *     db.execute("INSERT INTO {{tables.users}} (email) VALUES ($1)", email);
 * } catch (PgdbmException e) {
 *     if (e.sqlState().filter("23505"::equals).isPresent()) { ... } // unique violation
 * }
 * }</pre>
 *
 * <p>Messages say what happened, to which object, and what to do; they never contain a password.
 */
public class PgdbmException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;

    public PgdbmException(String message) {
        super(message);
        this.sqlState = null;
    }

    /** The SQLState, if any, is taken from the cause: a {@link SQLException} or another {@code PgdbmException}. */
    public PgdbmException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * @param sqlState the server's five-character SQLState; {@code null} takes it from the cause, if it has one
     */
    public PgdbmException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState != null ? sqlState : stateOf(cause);
    }

    /** The first SQLState found along a cause chain, or {@code null}. */
    static String stateOf(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
            if (t instanceof PgdbmException p && p.sqlState != null) {
                return p.sqlState;
            }
        }
        return null;
    }

    /** The server's five-character SQLState when the failure was a server error, else empty. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }
}
