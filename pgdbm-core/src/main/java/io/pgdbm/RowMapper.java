package io.pgdbm;

/**
 * Turns one {@link Row} into a value; accepted by {@code fetchOne}, {@code fetchSingle}, {@code fetchAll} and
 * {@code fetchStream}. For records and beans whose names follow the columns, pass the class instead
 * ({@code fetchAll(User.class, sql)}): that mapper is built by reflection once per (type, columns).
 *
 * <pre>{@code
 * RowMapper<User> users = row -> new User(row.getLong("id"), row.getString("email").toLowerCase());
 * List<User> all = db.fetchAll(users, "SELECT id, email FROM {{tables.users}} ORDER BY id");
 * Optional<User> one = db.fetchOne(users, "SELECT id, email FROM {{tables.users}} WHERE id = $1", 42);
 * }</pre>
 *
 * <p>A mapper is called on the thread that runs the query, once per row, while the row's connection is held:
 * keep it to mapping. An exception it throws reaches the caller unchanged; the connection is released.
 *
 * @param <T> what a row becomes
 */
@FunctionalInterface
public interface RowMapper<T> {
    T map(Row row);
}
