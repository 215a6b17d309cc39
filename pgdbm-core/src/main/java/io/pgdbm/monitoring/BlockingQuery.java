package io.pgdbm.monitoring;

import java.time.Duration;

/**
 * One session waiting for a lock and one session it waits on ({@code pg_blocking_pids}).
 *
 * <pre>{@code
 * debugger.blockingQueries().forEach(b -> log.warn("pid {} waits {} for pid {} ({})", b.blockedPid(), b.waitingFor(), b.blockingPid(), b.blockingQuery()));
 * }</pre>
 *
 * @param blockedPid    the waiting backend
 * @param blockedUser   its role
 * @param blockedQuery  the statement that waits
 * @param waitingFor    how long that statement has been running
 * @param blockingPid   the backend holding the lock
 * @param blockingUser  its role
 * @param blockingQuery its current or last statement
 * @param blockingState its state, e.g. {@code idle in transaction}
 */
public record BlockingQuery(int blockedPid, String blockedUser, String blockedQuery, Duration waitingFor,
                            int blockingPid, String blockingUser, String blockingQuery, String blockingState) {
}
