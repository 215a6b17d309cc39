package io.pgdbm.monitoring;

import java.time.Duration;

/**
 * A {@link QueryMonitor}'s figures for one manager. Counts, average and maximum cover every query since the
 * monitor was attached (or reset); the percentiles cover the queries still in the history.
 *
 * <pre>{@code
 * QueryStats s = monitor.stats();
 * log.info("{}: {} queries, {} failed, p95 {} ms", s.manager(), s.executed(), s.failed(), s.p95().toMillis());
 * }</pre>
 *
 * @param manager  the manager's name (its schema, or its database)
 * @param executed queries that completed
 * @param failed   queries that failed
 * @param slow     queries slower than the threshold
 * @param average  mean duration of all queries, failed ones included
 * @param max      the slowest query's duration
 * @param p50      median over the history
 * @param p95      95th percentile over the history
 * @param p99      99th percentile over the history
 */
public record QueryStats(String manager, long executed, long failed, long slow, Duration average, Duration max,
                         Duration p50, Duration p95, Duration p99) {

    /** Completed and failed queries together. */
    public long total() {
        return executed + failed;
    }
}
