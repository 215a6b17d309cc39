package io.pgdbm;

import java.sql.SQLException;

/**
 * PostgreSQL rejected a statement. Carries the SQLState, the templated SQL (truncated to 200 characters in the
 * message) and the parameters masked: strings over 20 characters and byte arrays are never shown.
 *
 * <pre>{@code
 * try {
 *     db.execute("INSERT INTO {{tables.users}} (email) VALUES ($1)", email);
 * } catch (QueryException e) {
 *     if (e.sqlState().filter("23505"::equals).isPresent()) throw new DuplicateEmail(email);
 *     throw e;
 * }
 * }</pre>
 */
public class QueryException extends PgdbmException {
    private static final long serialVersionUID = 1L;
    private final String sql;

    public QueryException(String message, String sql, String maskedParameters, Throwable cause) {
        super(format(message, sql, maskedParameters, cause), cause);
        this.sql = sql;
    }

    private static String format(String message, String sql, String maskedParameters, Throwable cause) {
        StringBuilder sb = new StringBuilder(message);
        if (cause instanceof SQLException s && s.getSQLState() != null) {
            sb.append(" [SQLState ").append(s.getSQLState()).append(']');
        }
        if (sql != null) {
            sb.append("\n  Query: ").append(sql.length() > 200 ? sql.substring(0, 200) + "..." : sql);
        }
        if (maskedParameters != null && !maskedParameters.isEmpty()) {
            sb.append("\n  Parameters: ").append(maskedParameters);
        }
        if (cause != null) {
            sb.append("\n  Cause: ").append(cause.getMessage());
        }
        return sb.toString();
    }

    /** The full SQL after templating (not truncated). */
    public String sql() {
        return sql;
    }
}
