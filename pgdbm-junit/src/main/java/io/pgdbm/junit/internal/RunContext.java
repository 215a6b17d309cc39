package io.pgdbm.junit.internal;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.PgdbmException;
import io.pgdbm.SharedPool;
import io.pgdbm.junit.Cleanup;
import io.pgdbm.junit.Isolation;
import io.pgdbm.migration.Migration;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.Module;
import io.pgdbm.testserver.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One test run on one server: its run id, the session that tells other runs it is alive (an advisory lock held until
 * the run ends) and holds the run's connection slots, the connection budget, the admin connections, the templates
 * and, for SCHEMA isolation, the run's shared database. Starting a run first sweeps what dead runs left.
 *
 * <p>A JVM has one run per server, owned once: the extension, {@code TestDatabaseFactory} and
 * {@code MigrationVerifier} take it with {@link #acquire} and give it back with {@link #close()}; the last one to
 * give it back ends it. Clone sources get the narrow collaborators they need, not the run. Thread-safe.
 */
public final class RunContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);
    /** The shared runs by server and settings; the newest (a JUnit execution started inside another) on top. */
    private static final Map<String, Deque<RunContext>> SHARED = new HashMap<>();

    private final PostgresServer server;
    private final TestSettings settings;
    private final String runId;
    private final String sharedKey;
    private final Connection session;
    private final ConnectionBudget budget;
    private final Admin admin;
    private final Templates templates;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, List<Migration>> migrations = new ConcurrentHashMap<>();
    private final Map<String, PreparedCloneSource> prepared = new ConcurrentHashMap<>();
    private final ExecutorService preparer;
    private final ScheduledExecutorService housekeeper;
    private final PoolCloser pools;
    private int references = 1;
    private DatabaseHandle schemaDatabase;
    private boolean closed;

    private RunContext(PostgresServer server, TestSettings settings, String sharedKey) throws SQLException {
        this.server = server;
        this.settings = settings;
        this.sharedKey = sharedKey;
        this.runId = Names.newRunId();
        this.session = Sessions.open(server, server.adminDatabase(), ConnectionBudget.APPLICATION_PREFIX + "-run",
                settings.waitTimeout());
        try {
            try (PreparedStatement ps = session.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
                ps.setString(1, Names.runLockKey(runId));
                ps.execute();
            }
            this.budget = new ConnectionBudget(session, server.host() + ":" + server.port(), settings.waitTimeout());
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
        this.admin = new Admin(server, settings, budget);
        this.templates = new Templates(admin, budget, settings.waitTimeout(), session);
        AtomicInteger threads = new AtomicInteger();
        this.preparer = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "pgdbm-clones-ahead-" + runId + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.housekeeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pgdbm-drop-" + runId);
            t.setDaemon(true);
            return t;
        });
        this.pools = new PoolCloser(runId);
        budget.onShortage(pools::closeAllNow);
        housekeeper.scheduleWithFixedDelay(() -> {
            try {
                admin.tidy();
                budget.tidy();
            } catch (RuntimeException e) { // a failure here must not end the schedule
                LOG.debug("pgdbm: giving back idle connection slots: {}", e.toString());
            }
        }, 250, 250, TimeUnit.MILLISECONDS);
    }

    /**
     * The JVM's run on {@code server} with {@code settings}, started on first use and ended when the last holder
     * closes it. Holders with other settings (a cleanup override, another pool size) get a run of their own, which
     * shares the server's connection budget like any other run.
     */
    public static RunContext acquire(PostgresServer server, TestSettings settings) {
        String key = sharedKey(server, settings);
        synchronized (SHARED) {
            Deque<RunContext> runs = SHARED.get(key);
            RunContext run = runs == null ? null : runs.peekFirst();
            if (run != null && run.retain()) {
                return run;
            }
            return share(begin(server, settings, key));
        }
    }

    /**
     * Starts the run of a JUnit execution, shared with the factories and verifiers used while it lasts. An execution
     * started inside another (a test running test classes through the JUnit Platform) gets a run of its own, so
     * each execution ends with its databases dropped and its templates released, as a standalone one does.
     */
    public static RunContext startExecution(PostgresServer server, TestSettings settings) {
        String key = sharedKey(server, settings);
        synchronized (SHARED) {
            return share(begin(server, settings, key));
        }
    }

    private static RunContext share(RunContext run) {
        SHARED.computeIfAbsent(run.sharedKey, k -> new ArrayDeque<>()).addFirst(run);
        return run;
    }

    private static String sharedKey(PostgresServer server, TestSettings settings) {
        return server.user() + "@" + server.host() + ":" + server.port() + " " + settings;
    }

    /** Starts a run of its own (not shared with the rest of the JVM): takes its lock, then removes what dead runs left. */
    public static RunContext start(PostgresServer server, TestSettings settings) {
        return begin(server, settings, null);
    }

    private static RunContext begin(PostgresServer server, TestSettings settings, String sharedKey) {
        RunContext run;
        try {
            run = new RunContext(server, settings, sharedKey);
        } catch (SQLException e) {
            throw new PgdbmException("Could not start a pgdbm test run on " + server.jdbcUrl(server.adminDatabase())
                    + " (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
        }
        try {
            long t = System.nanoTime();
            int swept = Sweeper.sweep(run.session, run.admin, run.runId, settings.keepTemplates());
            LOG.info("pgdbm: run {} on PostgreSQL {} ({} provider, {}:{}); swept {} leftover database(s) in {} ms",
                    run.runId, server.serverVersion(), server.provider(), server.host(), server.port(), swept,
                    (System.nanoTime() - t) / 1_000_000);
            return run;
        } catch (SQLException | RuntimeException e) {
            run.close();
            throw new PgdbmException("Could not sweep what earlier pgdbm test runs left on " + server.host() + ":"
                    + server.port() + ": " + e.getMessage(), e);
        }
    }

    private synchronized boolean retain() {
        if (closed) {
            return false;
        }
        references++;
        return true;
    }

    public String runId() {
        return runId;
    }

    public PostgresServer server() {
        return server;
    }

    public TestSettings settings() {
        return settings;
    }

    public Admin admin() {
        return admin;
    }

    public Templates templates() {
        return templates;
    }

    public ConnectionBudget budget() {
        return budget;
    }

    /**
     * The migration files of {@code location}, read once per run: SCHEMA isolation migrates a new schema from them
     * for every test. Templates hash the files when the run first uses them, so a file edited mid-run is not seen.
     */
    public List<Migration> migrations(String location) {
        return migrations.computeIfAbsent(location, MigrationManager::discover);
    }

    public int nextSequence() {
        return sequence.incrementAndGet();
    }

    public String nextDatabaseName(String suffix) {
        return Names.database(runId, nextSequence(), suffix);
    }

    /** The comment the run's databases carry: the sweep of a later run drops a dead run's database only with it. */
    public String marker() {
        return Names.runMarker(runId);
    }

    /** An empty database of the run (from {@code template1}), marked as the run's. */
    public String createEmptyDatabase(String suffix) {
        String name = nextDatabaseName(suffix);
        admin.createDatabase(name, null, marker());
        return name;
    }

    /**
     * Drops a test's database on a background thread, so the next test does not wait for the previous one's
     * {@code DROP DATABASE}; {@link #close()} waits for every pending drop, and a JVM that dies first leaves the
     * databases to the next run's sweep. Falls back to dropping now when the run is closing. The returned future
     * ends with the drop (wait for it with {@code get}, which does not make JUnit's executor add workers).
     */
    public Future<?> dropLater(String database) {
        return dropLater(database, null);
    }

    /** {@link #dropLater(String)} once {@code pool} (closed in the background, or {@code null}) is closed. */
    Future<?> dropLater(String database, TestPool pool) {
        try {
            return housekeeper.submit(() -> {
                try {
                    if (pool != null) {
                        pools.closeNow(pool);
                    }
                    admin.dropDatabase(database);
                } catch (RuntimeException e) {
                    LOG.warn("pgdbm: dropping test database {} failed; the next run's sweep removes it: {}", database,
                            e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            if (pool != null) {
                pools.closeNow(pool);
            }
            admin.dropDatabase(database);
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Closes a test database's pool on a background thread; a thread waiting for connection slots closes it at once,
     * and {@link #dropLater(String, TestPool)} first waits until it is closed.
     */
    void closeLater(TestPool pool) {
        pools.closeLater(pool);
    }

    /**
     * The config of a test database as the test sees it (for pools the test opens itself, which are not pgdbm's and
     * so count as other sessions): a small pool that keeps the connection it opens at start-up (with a minimum of
     * 0 the pool would close that connection and open another for the first query).
     */
    public DatabaseConfig databaseConfig(String database) {
        return Admin.config(server, database, 1, settings.poolMax(), "pgdbm-test");
    }

    /**
     * Opens pgdbm's pool on a test database, its size what the connection budget grants (at least two connections
     * when {@code pgdbm.test.pool.max} allows, at most that), waiting for slots while none are free.
     */
    public TestPool openPool(String database) {
        int max = settings.poolMax();
        return open(database, budget.acquire(Math.min(2, max), max, "the pool of test database " + database));
    }

    /** {@link #openPool} when slots are free right now and no thread of this JVM waits for any. */
    Optional<TestPool> tryOpenPool(String database) {
        if (budget.hasWaiters()) {
            return Optional.empty();
        }
        int max = settings.poolMax();
        return Optional.ofNullable(budget.tryAcquire(Math.min(2, max), max)).map(lease -> open(database, lease));
    }

    private TestPool open(String database, ConnectionBudget.Lease lease) {
        try {
            return new TestPool(SharedPool.create(Admin.config(server, database, 1, lease.size(),
                    ConnectionBudget.APPLICATION_PREFIX + "-test")), lease);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** {@link #cloneSource(TemplateSpec)} of a template built by pgdbm modules alone. */
    public CloneSource cloneSource(List<Module> modules) {
        return cloneSource(TemplateSpec.of(modules));
    }

    /**
     * Where DATABASE-isolated tests of {@code spec} get their databases from: one source per template for the
     * whole run, preparing clones ahead unless {@code pgdbm.test.clones.ahead} is 0.
     */
    public CloneSource cloneSource(TemplateSpec spec) {
        if (settings.clonesAhead() == 0) {
            return freshCloneSource(spec);
        }
        synchronized (this) {
            if (closed) {
                throw new PgdbmException("the pgdbm test run " + runId + " has ended");
            }
            // by template name: preparers that are equal in what they build share one source, whatever their identity
            return prepared.computeIfAbsent(templates.name(spec), name -> {
                PreparedCloneSource source = new PreparedCloneSource(direct(spec), admin, preparer, settings.clonesAhead(),
                        this::tryOpenPool);
                budget.onShortage(source::shedPools);
                return source;
            });
        }
    }

    /** A database of the run made directly from the template of {@code spec}, never a prepared one. */
    public CloneSource freshCloneSource(TemplateSpec spec) {
        return direct(spec);
    }

    private TemplateCloneSource direct(TemplateSpec spec) {
        return new TemplateCloneSource(templates, admin, this::nextDatabaseName, marker(), spec);
    }

    /** The run's database for SCHEMA isolation: empty, created on first use, dropped when the run ends. */
    public synchronized DatabaseHandle schemaDatabase() {
        if (closed) {
            throw new PgdbmException("the pgdbm test run " + runId + " has ended");
        }
        if (schemaDatabase == null) {
            schemaDatabase = DatabaseHandle.clone(this, new Setup(List.of(), Isolation.DATABASE, Cleanup.ALWAYS),
                    cloneSource(List.of()), "schemas", Cleanup.ALWAYS);
        }
        return schemaDatabase;
    }

    /**
     * Gives back this holder's share of the run; the last one drops the shared schema database and releases the run
     * lock (other runs may then sweep what was kept). Idempotent once the run has ended.
     */
    @Override
    public void close() {
        if (sharedKey != null) {
            synchronized (SHARED) {
                synchronized (this) {
                    if (closed || --references > 0) {
                        return;
                    }
                }
                Deque<RunContext> runs = SHARED.get(sharedKey);
                if (runs != null) {
                    runs.remove(this);
                    if (runs.isEmpty()) {
                        SHARED.remove(sharedKey);
                    }
                }
            }
        }
        end();
    }

    private synchronized void end() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            preparer.shutdown();
            try {
                preparer.awaitTermination(settings.waitTimeout().toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            new ArrayList<>(prepared.values()).forEach(PreparedCloneSource::close);
            if (schemaDatabase != null) {
                schemaDatabase.close();
            }
            housekeeper.shutdown();
            try {
                housekeeper.awaitTermination(settings.waitTimeout().toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pools.shutdown(settings.waitTimeout().toSeconds());
            templates.release(settings.keepTemplates());
        } finally {
            admin.close();
            try {
                session.close();
            } catch (SQLException e) {
                LOG.debug("pgdbm: closing the run lock connection: {}", e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "RunContext[" + runId + " on " + server.host() + ":" + server.port() + "]";
    }
}
