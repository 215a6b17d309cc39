package io.pgdbm.monitoring;

import io.pgdbm.PoolStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link DatabaseDebugger#health()} found.
 *
 * <pre>{@code
 * HealthReport r = debugger.health();
 * log.info("{} ({} ms to {}): {}", r.verdict(), r.latency().toMillis(), r.serverVersion(), r.problems());
 * }</pre>
 *
 * @param verdict       HEALTHY, DEGRADED or UNHEALTHY
 * @param checkedAt     when the check ran
 * @param latency       the round trip of {@code SHOW server_version}; zero when it failed
 * @param serverVersion e.g. {@code 15.20}; empty when the server did not answer
 * @param pool          the pool's numbers; empty when the manager has no open pool
 * @param blocking      sessions of the current database waiting for a lock another session holds
 * @param longRunning   non-idle statements of the current database running longer than the threshold
 * @param problems      one sentence per reason the verdict is not HEALTHY
 */
public record HealthReport(HealthVerdict verdict, Instant checkedAt, Duration latency, Optional<String> serverVersion,
                           Optional<PoolStats> pool, List<BlockingQuery> blocking, List<ActiveQuery> longRunning,
                           List<String> problems) {

    public HealthReport {
        blocking = List.copyOf(blocking);
        longRunning = List.copyOf(longRunning);
        problems = List.copyOf(problems);
    }
}
