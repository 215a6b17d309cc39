package io.pgdbm;

import java.time.Duration;

/**
 * One executed statement, as seen by a {@link QueryListener}.
 *
 * <pre>{@code
 * QueryListener slow = e -> { if (!e.success()) log.warn("{} failed with {}", e.sql(), e.sqlState()); };
 * }</pre>
 *
 * @param manager         the manager's name (its schema, or its database when it has none)
 * @param operation       the API method ({@code execute}, {@code fetchAll}, {@code copyRecords}, ...)
 * @param sql             the statement after templating
 * @param maskedArguments the arguments masked as in {@link QueryException} messages; empty when none
 * @param duration        wall time of the call, fetching included
 * @param rows            rows returned or affected; -1 when unknown
 * @param success         whether it completed without error
 * @param sqlState        the SQLState when it failed with a server error, else {@code null}
 * @param inTransaction   whether it ran inside {@code transaction(...)}
 */
public record QueryEvent(String manager, String operation, String sql, String maskedArguments, Duration duration,
                         long rows, boolean success, String sqlState, boolean inTransaction) {
}
