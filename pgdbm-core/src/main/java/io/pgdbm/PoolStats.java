package io.pgdbm;

/**
 * A snapshot of a pool's connections.
 *
 * <pre>{@code
 * PoolStats s = db.poolStats();
 * if (s.usage() > 0.8) log.warn("pool {} at {}% ({} of {})", s.poolName(), Math.round(s.usage() * 100), s.active(), s.max());
 * }</pre>
 *
 * @param poolName the HikariCP pool name (prefix of its log lines)
 * @param total    open connections
 * @param active   connections lent out
 * @param idle     connections waiting in the pool
 * @param waiting  threads waiting for a connection
 * @param min      configured minimum idle connections
 * @param max      configured maximum pool size
 */
public record PoolStats(String poolName, int total, int active, int idle, int waiting, int min, int max) {
    /** active / max, between 0 and 1. */
    public double usage() {
        return max == 0 ? 0 : (double) active / max;
    }
}
