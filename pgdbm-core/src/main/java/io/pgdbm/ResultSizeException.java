package io.pgdbm;

/**
 * {@code fetchSingle} found no row, or more than one. The query itself succeeded; {@link #sql()} is the templated SQL.
 *
 * <pre>{@code
 * try {
 *     Row user = db.fetchSingle("SELECT * FROM {{tables.users}} WHERE email = $1", email);
 * } catch (ResultSizeException e) {
 *     if (e.noRow()) throw new UnknownUser(email);
 *     throw e; // the email was expected to be unique
 * }
 * }</pre>
 */
public class ResultSizeException extends PgdbmException {
    private static final long serialVersionUID = 1L;
    private final String sql;
    private final int rows;

    /**
     * @param rows 0 when there was no row, 2 when there were two or more
     */
    public ResultSizeException(String message, String sql, int rows) {
        super(message + (sql == null ? "" : "\n  Query: " + (sql.length() > 200 ? sql.substring(0, 200) + "..." : sql)));
        this.sql = sql;
        this.rows = rows;
    }

    /** Whether the query returned no row (otherwise it returned more than one). */
    public boolean noRow() {
        return rows == 0;
    }

    /** The templated SQL. */
    public String sql() {
        return sql;
    }
}
