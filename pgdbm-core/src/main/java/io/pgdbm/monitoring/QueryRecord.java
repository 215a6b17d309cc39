package io.pgdbm.monitoring;

import java.time.Duration;
import java.time.Instant;

/**
 * One query in a {@link QueryMonitor}'s history.
 *
 * <pre>{@code
 * monitor.history(10, false).forEach(q -> log.info("{} {} ms", q.operation(), q.duration().toMillis()));
 * }</pre>
 *
 * @param finishedAt      when the call returned
 * @param operation       the API method ({@code execute}, {@code fetchAll}, ...)
 * @param sql             the statement after templating
 * @param duration        wall time of the call
 * @param rows            rows returned or affected; -1 when unknown
 * @param success         whether it completed without error
 * @param sqlState        the SQLState of a failure, else {@code null}
 * @param inTransaction   whether it ran inside a transaction
 * @param maskedArguments the masked parameters when {@link MonitorOptions#recordParameters()} is on, else empty
 */
public record QueryRecord(Instant finishedAt, String operation, String sql, Duration duration, long rows,
                          boolean success, String sqlState, boolean inTransaction, String maskedArguments) {
}
