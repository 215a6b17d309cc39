package io.pgdbm.monitoring;

import io.pgdbm.DatabaseManager;
import io.pgdbm.PoolStats;
import io.pgdbm.QueryEvent;
import io.pgdbm.QueryListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and times every query of one {@link DatabaseManager} — all query methods, inside transactions too —
 * keeps a bounded history, logs slow queries at WARN and explains statements. Several managers sharing one
 * pool each get their own monitor, so the figures are per manager (per schema), which the pool cannot tell.
 *
 * <pre>{@code
 * QueryMonitor monitor = QueryMonitor.attach(db, MonitorOptions.defaults().withSlowQueryThreshold(Duration.ofMillis(250)));
 * ...
 * QueryStats s = monitor.stats();
 * ExplainPlan plan = monitor.explain("SELECT * FROM {{tables.orders}} WHERE customer_id = $1", 7);
 * monitor.close(); // detaches
 * }</pre>
 *
 * <p>The slow-query line shows the SQL truncated to 200 characters and never the parameters unless
 * {@link MonitorOptions#recordParameters()} is on, and then masked. The monitor's own {@code EXPLAIN}
 * statements are not counted. Thread-safe.
 */
public final class QueryMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryMonitor.class);
    private static final int SQL_LOG_LIMIT = 200;

    private final DatabaseManager db;
    private final MonitorOptions options;
    private final long slowNanos;
    private final QueryListener listener = this::record;
    private final LongAdder executed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder slow = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final AtomicLong maxNanos = new AtomicLong();
    private final QueryRecord[] ring;
    private int next;
    private int size;

    private QueryMonitor(DatabaseManager db, MonitorOptions options) {
        this.db = db;
        this.options = options;
        this.slowNanos = options.slowQueryThreshold().toNanos();
        this.ring = new QueryRecord[options.historySize()];
    }

    /** Starts monitoring {@code db} with {@link MonitorOptions#defaults()}. */
    public static QueryMonitor attach(DatabaseManager db) {
        return attach(db, MonitorOptions.defaults());
    }

    /** Starts monitoring {@code db}; {@link #close()} stops it. */
    public static QueryMonitor attach(DatabaseManager db, MonitorOptions options) {
        QueryMonitor monitor = new QueryMonitor(Objects.requireNonNull(db, "db"), Objects.requireNonNull(options, "options"));
        db.addQueryListener(monitor.listener);
        return monitor;
    }

    private void record(QueryEvent event) {
        long nanos = event.duration().toNanos();
        (event.success() ? executed : failed).increment();
        totalNanos.add(nanos);
        maxNanos.accumulateAndGet(nanos, Math::max);
        String arguments = options.recordParameters() ? event.maskedArguments() : "";
        if (nanos > slowNanos) {
            slow.increment();
            if (arguments.isEmpty()) {
                LOG.warn("[{}] slow query: {} took {} ms (threshold {} ms): {}", event.manager(), event.operation(),
                        millis(nanos), options.slowQueryThreshold().toMillis(), truncate(event.sql()));
            } else {
                LOG.warn("[{}] slow query: {} took {} ms (threshold {} ms): {} parameters {}", event.manager(),
                        event.operation(), millis(nanos), options.slowQueryThreshold().toMillis(), truncate(event.sql()),
                        arguments);
            }
        }
        QueryRecord entry = new QueryRecord(Instant.now(), event.operation(), event.sql(), event.duration(),
                event.rows(), event.success(), event.sqlState(), event.inTransaction(), arguments);
        synchronized (ring) {
            ring[next] = entry;
            next = (next + 1) % ring.length;
            size = Math.min(size + 1, ring.length);
        }
    }

    private static String truncate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() > SQL_LOG_LIMIT ? oneLine.substring(0, SQL_LOG_LIMIT) + "..." : oneLine;
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1_000_000.0);
    }

    /** The figures so far. */
    public QueryStats stats() {
        long ok = executed.sum();
        long bad = failed.sum();
        long total = ok + bad;
        long[] durations = history().stream().mapToLong(r -> r.duration().toNanos()).sorted().toArray();
        return new QueryStats(db.name(), ok, bad, slow.sum(),
                Duration.ofNanos(total == 0 ? 0 : totalNanos.sum() / total), Duration.ofNanos(maxNanos.get()),
                percentile(durations, 50), percentile(durations, 95), percentile(durations, 99));
    }

    /** Nearest-rank percentile; zero for an empty history. */
    private static Duration percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
    }

    /** The kept queries, oldest first. */
    public List<QueryRecord> history() {
        synchronized (ring) {
            List<QueryRecord> out = new ArrayList<>(size);
            int start = (next - size + ring.length) % ring.length;
            for (int i = 0; i < size; i++) {
                out.add(ring[(start + i) % ring.length]);
            }
            return out;
        }
    }

    /** The last {@code limit} kept queries (all when {@code limit <= 0}), optionally without the failed ones. */
    public List<QueryRecord> history(int limit, boolean includeFailures) {
        List<QueryRecord> all = new ArrayList<>(history());
        if (!includeFailures) {
            all.removeIf(r -> !r.success());
        }
        return limit <= 0 || limit >= all.size() ? all : List.copyOf(all.subList(all.size() - limit, all.size()));
    }

    /** Kept queries slower than the configured threshold, oldest first. */
    public List<QueryRecord> slowQueries() {
        return history().stream().filter(r -> r.duration().toNanos() > slowNanos).toList();
    }

    /** The plan PostgreSQL chooses for {@code sql} (templated, {@code $n} or {@code ?} parameters); not executed. */
    public ExplainPlan explain(String sql, Object... args) {
        return explain(false, sql, args);
    }

    /**
     * {@code EXPLAIN (ANALYZE, BUFFERS)}: the statement is executed to measure it, inside a transaction that is
     * always rolled back, so an explained INSERT or DELETE changes nothing.
     */
    public ExplainPlan explainAnalyze(String sql, Object... args) {
        return explain(true, sql, args);
    }

    /** {@link #explain(String, Object...)} or {@link #explainAnalyze(String, Object...)}. */
    public ExplainPlan explain(boolean analyze, String sql, Object... args) {
        return Explainer.explain(db, analyze, Objects.requireNonNull(sql, "sql"), args == null ? new Object[0] : args);
    }

    /** The manager's pool right now. */
    public PoolStats poolStats() {
        return db.poolStats();
    }

    public DatabaseManager database() {
        return db;
    }

    public MonitorOptions options() {
        return options;
    }

    /** Forgets counts, timings and history. */
    public void reset() {
        synchronized (ring) {
            Arrays.fill(ring, null);
            next = 0;
            size = 0;
            executed.reset();
            failed.reset();
            slow.reset();
            totalNanos.reset();
            maxNanos.set(0);
        }
    }

    /** Stops monitoring (idempotent); the figures stay readable. */
    @Override
    public void close() {
        db.removeQueryListener(listener);
    }

    @Override
    public String toString() {
        return "QueryMonitor[" + db.name() + ", " + options + ']';
    }
}
