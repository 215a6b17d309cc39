package io.pgdbm;

import java.sql.Connection;

/**
 * The body of {@link Queries#withConnection(ConnectionCallback)}: plain JDBC on a connection that pgdbm lends and
 * takes back when the body ends, so it cannot leak. It may throw one checked exception type (typically
 * {@link java.sql.SQLException}), rethrown unchanged.
 *
 * <pre>{@code
 * int n = db.withConnection(c -> {
 *     try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity");
 *          ResultSet rs = ps.executeQuery()) {
 *         rs.next();
 *         return rs.getInt(1);
 *     }
 * }); // throws SQLException, as the body does
 * }</pre>
 *
 * <p>Do not close the connection, change its autocommit, or keep it after the body returns. Templates are not
 * applied to SQL run on it ({@link DatabaseManager#prepareQuery(String)} renders them).
 *
 * @param <R> the result
 * @param <X> the checked exception the body may throw
 */
@FunctionalInterface
public interface ConnectionCallback<R, X extends Exception> {
    R apply(Connection connection) throws X;
}
