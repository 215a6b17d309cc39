package io.pgdbm.monitoring;

import java.time.Duration;
import java.time.Instant;

/**
 * A session of the current database that is running a statement, from {@code pg_stat_activity}.
 *
 * <pre>{@code
 * debugger.longRunningQueries(Duration.ofMinutes(5)).forEach(q -> log.warn("pid {} running {} : {}", q.pid(), q.runningFor(), q.query()));
 * }</pre>
 *
 * @param pid             the backend's process id (for {@code pg_cancel_backend})
 * @param user            the role
 * @param applicationName the client's {@code application_name}
 * @param state           e.g. {@code active}, {@code idle in transaction}
 * @param query           the statement text as the server shows it
 * @param queryStart      when the statement started
 * @param runningFor      how long it has been running
 * @param waitEventType   what it waits for ({@code Lock}, {@code IO}, ...), or {@code null}
 * @param waitEvent       the wait event, or {@code null}
 */
public record ActiveQuery(int pid, String user, String applicationName, String state, String query,
                          Instant queryStart, Duration runningFor, String waitEventType, String waitEvent) {
}
