package io.pgdbm.examples.sharedpool;

import io.pgdbm.PoolStats;
import io.pgdbm.SharedPool;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a pool's usage and logs a WARN line when more than 80 % of its connections are lent out.
 *
 * <p>Usage is active connections over the pool's <em>maximum</em> ({@link PoolStats#usage()}), not over the
 * connections open right now: HikariCP opens connections on demand, so "all open connections busy" is normal
 * for a pool that can still grow, while "80 % of the maximum busy" means callers will soon wait.
 *
 * <pre>{@code
 * PoolHealthMonitor monitor = new PoolHealthMonitor(pool);
 * scheduler.scheduleAtFixedRate(monitor::check, 0, 30, TimeUnit.SECONDS);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class PoolHealthMonitor {
    /** Usage above this fraction is logged as a warning. */
    public static final double WARN_ABOVE = 0.8;
    private static final Logger LOG = LoggerFactory.getLogger(PoolHealthMonitor.class);

    private final SharedPool pool;
    private final Logger log;

    public PoolHealthMonitor(SharedPool pool) {
        this(pool, LOG);
    }

    /** A monitor logging to {@code log}; for tests that read what it logs. */
    PoolHealthMonitor(SharedPool pool, Logger log) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.log = Objects.requireNonNull(log, "log");
    }

    // snippet:pool-health
    /** Reads the pool's statistics, warns above 80 % use, and returns them. */
    public PoolHealth check() {
        PoolStats stats = pool.stats();
        PoolHealth health = new PoolHealth(stats.total(), stats.active(), stats.idle(), stats.waiting(), stats.max(),
                stats.usage() * 100);
        if (stats.usage() > WARN_ABOVE) {
            log.warn("[{}] High pool usage: {}% ({} of {} connections in use, {} waiting); raise maxConnections "
                    + "or find what holds connections", stats.poolName(), Math.round(health.usagePercent()),
                    stats.active(), stats.max(), stats.waiting());
        }
        return health;
    }
    // end:pool-health

    /**
     * A pool's health.
     *
     * @param totalConnections  open connections
     * @param activeConnections connections lent out
     * @param idleConnections   open connections waiting in the pool
     * @param waitingThreads    callers waiting for a connection
     * @param maxConnections    the pool's maximum
     * @param usagePercent      active over maximum, in percent
     */
    public record PoolHealth(int totalConnections, int activeConnections, int idleConnections, int waitingThreads,
                             int maxConnections, double usagePercent) {
        public boolean isHigh() {
            return usagePercent > WARN_ABOVE * 100;
        }
    }
}
