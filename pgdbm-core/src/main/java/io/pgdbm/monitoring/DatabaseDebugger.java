package io.pgdbm.monitoring;

import io.pgdbm.DatabaseManager;
import io.pgdbm.PgdbmException;
import io.pgdbm.PoolStats;
import io.pgdbm.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Answers "what is wrong right now?" for one manager's database: a health verdict, blocked sessions,
 * long-running statements (of the current database only), table sizes of the manager's schema and the
 * sessions of pgdbm migration runners. Every catalog query is parameterized; the debugger's own session is
 * left out of the listings.
 *
 * <pre>{@code
 * DatabaseDebugger debugger = new DatabaseDebugger(db);
 * HealthReport health = debugger.health();
 * if (health.verdict() != HealthVerdict.HEALTHY) log.warn("database {}: {}", health.verdict(), health.problems());
 * }</pre>
 *
 * <p>Verdict: UNHEALTHY when {@code SHOW server_version} fails; DEGRADED when any session is blocked, a
 * statement runs longer than the long-running threshold (default 60 s), a thread waits for a pool connection
 * or the round trip exceeds the latency threshold (default 1 s); HEALTHY otherwise. Thread-safe.
 */
public final class DatabaseDebugger {
    /** The long-running threshold {@link #health()} uses unless told otherwise. */
    public static final Duration DEFAULT_LONG_RUNNING = Duration.ofSeconds(60);
    /** The round trip above which {@link #health()} reports DEGRADED unless told otherwise. */
    public static final Duration DEFAULT_SLOW_ROUND_TRIP = Duration.ofSeconds(1);
    private static final String MIGRATION_LOCK_PREFIX = "pgdbm_migration_";

    private final DatabaseManager db;
    private final Duration longRunning;
    private final Duration slowRoundTrip;

    public DatabaseDebugger(DatabaseManager db) {
        this(db, DEFAULT_LONG_RUNNING, DEFAULT_SLOW_ROUND_TRIP);
    }

    public DatabaseDebugger(DatabaseManager db, Duration longRunningThreshold, Duration slowRoundTrip) {
        this.db = Objects.requireNonNull(db, "db");
        this.longRunning = Objects.requireNonNull(longRunningThreshold, "longRunningThreshold");
        this.slowRoundTrip = Objects.requireNonNull(slowRoundTrip, "slowRoundTrip");
    }

    /** Connectivity, pool, blocked sessions and long-running statements, with a verdict. Never throws for a server fault. */
    public HealthReport health() {
        Instant now = Instant.now();
        Optional<PoolStats> pool = poolStats();
        long start = System.nanoTime();
        String version;
        try {
            version = db.fetchValue(String.class, "SHOW server_version");
        } catch (PgdbmException e) {
            String firstLine = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            return new HealthReport(HealthVerdict.UNHEALTHY, now, Duration.ZERO, Optional.empty(), pool, List.of(),
                    List.of(), List.of("the server did not answer: " + firstLine));
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        List<BlockingQuery> blocking = blockingQueries();
        List<ActiveQuery> slow = longRunningQueries(longRunning);
        List<String> problems = new ArrayList<>();
        if (latency.compareTo(slowRoundTrip) > 0) {
            problems.add("round trip took " + latency.toMillis() + " ms (threshold " + slowRoundTrip.toMillis() + " ms)");
        }
        if (!blocking.isEmpty()) {
            problems.add(blocking.size() + " session(s) wait for a lock held by another session (see blocking())");
        }
        if (!slow.isEmpty()) {
            problems.add(slow.size() + " statement(s) running longer than " + longRunning.toSeconds() + " s (see longRunning())");
        }
        pool.filter(p -> p.waiting() > 0).ifPresent(p -> problems.add(p.waiting() + " thread(s) wait for a connection from pool "
                + p.poolName() + " (active " + p.active() + " of " + p.max() + ")"));
        return new HealthReport(problems.isEmpty() ? HealthVerdict.HEALTHY : HealthVerdict.DEGRADED, now, latency,
                Optional.ofNullable(version), pool, blocking, slow, problems);
    }

    private Optional<PoolStats> poolStats() {
        try {
            return Optional.of(db.poolStats());
        } catch (PgdbmException e) {
            return Optional.empty();
        }
    }

    /** Sessions of the current database waiting for a lock, each with a session that blocks it. */
    public List<BlockingQuery> blockingQueries() {
        List<BlockingQuery> out = new ArrayList<>();
        for (Row r : db.fetchAll("""
                SELECT a.pid AS blocked_pid, a.usename AS blocked_user, a.query AS blocked_query,
                       CAST(EXTRACT(EPOCH FROM clock_timestamp() - a.query_start) * 1000 AS bigint) AS waiting_ms,
                       b.pid AS blocking_pid, b.usename AS blocking_user, b.query AS blocking_query, b.state AS blocking_state
                FROM pg_stat_activity a
                CROSS JOIN LATERAL unnest(pg_blocking_pids(a.pid)) AS bp(pid)
                JOIN pg_stat_activity b ON b.pid = bp.pid
                WHERE a.datname = current_database()
                ORDER BY a.query_start, b.pid""")) {
            out.add(new BlockingQuery(r.getInt("blocked_pid"), r.getString("blocked_user"), r.getString("blocked_query"),
                    Duration.ofMillis(r.getLong("waiting_ms")), r.getInt("blocking_pid"), r.getString("blocking_user"),
                    r.getString("blocking_query"), r.getString("blocking_state")));
        }
        return out;
    }

    /** Non-idle statements of the current database running longer than {@code threshold}, oldest first. */
    public List<ActiveQuery> longRunningQueries(Duration threshold) {
        Objects.requireNonNull(threshold, "threshold");
        List<ActiveQuery> out = new ArrayList<>();
        for (Row r : db.fetchAll("""
                SELECT pid, usename, application_name, state, query, query_start, wait_event_type, wait_event,
                       CAST(EXTRACT(EPOCH FROM clock_timestamp() - query_start) * 1000 AS bigint) AS running_ms
                FROM pg_stat_activity
                WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()
                  AND query_start < clock_timestamp() - make_interval(secs => $1)
                ORDER BY query_start""", threshold.toMillis() / 1000.0)) {
            out.add(new ActiveQuery(r.getInt("pid"), r.getString("usename"), r.getString("application_name"),
                    r.getString("state"), r.getString("query"), r.getInstant("query_start"),
                    Duration.ofMillis(r.getLong("running_ms")), r.getString("wait_event_type"), r.getString("wait_event")));
        }
        return out;
    }

    /** Tables of the manager's schema ({@code public} when it has none), largest first. */
    public List<TableSize> tableSizes() {
        List<TableSize> out = new ArrayList<>();
        for (Row r : db.fetchAll("""
                SELECT schemaname, relname, pg_total_relation_size(relid) AS size_bytes,
                       pg_size_pretty(pg_total_relation_size(relid)) AS size, n_live_tup, n_dead_tup,
                       last_vacuum, last_autovacuum, last_analyze, last_autoanalyze
                FROM pg_stat_user_tables
                WHERE schemaname = $1
                ORDER BY size_bytes DESC, relname""", db.schema().orElse("public"))) {
            out.add(new TableSize(r.getString("schemaname"), r.getString("relname"), r.getLong("size_bytes"),
                    r.getString("size"), r.getLong("n_live_tup"), r.getLong("n_dead_tup"), r.getInstant("last_vacuum"),
                    r.getInstant("last_autovacuum"), r.getInstant("last_analyze"), r.getInstant("last_autoanalyze")));
        }
        return out;
    }

    /**
     * Migration runners of the manager's module (its schema, or {@code default}) and of every module recorded in
     * the manager's {@code schema_migrations} table: who holds or waits for each module's advisory lock.
     */
    public List<MigrationLock> migrationActivity() {
        Set<String> modules = new LinkedHashSet<>();
        modules.add(db.schema().orElse("default"));
        if (db.tableExists("schema_migrations")) {
            for (Row r : db.fetchAll("SELECT DISTINCT module_name FROM {{tables.schema_migrations}} WHERE module_name IS NOT NULL")) {
                modules.add(r.getString("module_name"));
            }
        }
        return migrationActivity(modules);
    }

    /** Sessions holding or waiting for the migration lock of any of {@code modules}. */
    public List<MigrationLock> migrationActivity(Collection<String> modules) {
        Objects.requireNonNull(modules, "modules");
        List<MigrationLock> out = new ArrayList<>();
        // pg_try_advisory_lock(bigint) stores the key's high half in classid and the low half in objid (objsubid 1)
        for (Row r : db.fetchAll("""
                SELECT m.module, l.pid, l.granted, a.application_name, a.state, a.query, a.backend_start, a.query_start
                FROM unnest(CAST($1 AS text[])) AS m(module)
                JOIN pg_locks l ON l.locktype = 'advisory' AND l.objsubid = 1
                 AND ((CAST(l.classid AS bigint) << 32) | CAST(l.objid AS bigint))
                     = CAST(hashtext($2 || m.module) AS bigint)
                 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                LEFT JOIN pg_stat_activity a ON a.pid = l.pid
                ORDER BY m.module, l.granted DESC, l.pid""", modules.toArray(String[]::new), MIGRATION_LOCK_PREFIX)) {
            out.add(new MigrationLock(r.getString("module"), r.getInt("pid"), r.getBoolean("granted"),
                    r.getString("application_name"), r.getString("state"), r.getString("query"),
                    r.getInstant("backend_start"), r.getInstant("query_start")));
        }
        return out;
    }
}
