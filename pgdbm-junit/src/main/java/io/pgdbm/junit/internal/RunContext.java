package io.pgdbm.junit.internal;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.PgdbmException;
import io.pgdbm.junit.Cleanup;
import io.pgdbm.junit.Isolation;
import io.pgdbm.migration.Migration;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.Module;
import io.pgdbm.testserver.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One test run on one server: its run id, the advisory lock that tells other runs it is alive (held on a dedicated
 * connection until {@link #close()}), the admin connection pool, the templates, the JVM's connection budget and, for
 * SCHEMA isolation, the run's shared database. Starting a run first sweeps what dead runs left. Thread-safe.
 */
public final class RunContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);

    private final PostgresServer server;
    private final TestSettings settings;
    private final String runId;
    private final Connection lock;
    private final Admin admin;
    private final ConnectionBudget budget;
    private final Templates templates;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, List<Migration>> migrations = new ConcurrentHashMap<>();
    private final Map<List<Module>, PreparedCloneSource> prepared = new ConcurrentHashMap<>();
    private final ExecutorService preparer;
    private final ExecutorService dropper;
    private DatabaseHandle schemaDatabase;
    private boolean closed;

    private RunContext(PostgresServer server, TestSettings settings) throws SQLException {
        this.server = server;
        this.settings = settings;
        this.runId = Names.newRunId();
        this.lock = openLockConnection(server);
        try (PreparedStatement ps = lock.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            ps.setString(1, Names.runLockKey(runId));
            ps.execute();
        }
        this.admin = new Admin(server, settings);
        this.budget = ConnectionBudget.of(server, admin, settings.poolMax());
        this.templates = new Templates(admin, budget, settings.waitTimeout(), lock);
        AtomicInteger threads = new AtomicInteger();
        this.preparer = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "pgdbm-clones-ahead-" + runId + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.dropper = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pgdbm-drop-" + runId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a run: takes its lock, then removes what dead runs left. */
    public static RunContext start(PostgresServer server, TestSettings settings) {
        try {
            RunContext run = new RunContext(server, settings);
            long t = System.nanoTime();
            int swept = Sweeper.sweep(run.lock, run.admin, run.runId, settings.keepTemplates());
            LOG.info("pgdbm: run {} on PostgreSQL {} ({} provider, {}:{}); swept {} leftover database(s) in {} ms",
                    run.runId, server.serverVersion(), server.provider(), server.host(), server.port(), swept,
                    (System.nanoTime() - t) / 1_000_000);
            return run;
        } catch (SQLException e) {
            throw new PgdbmException("Could not start a pgdbm test run on " + server.jdbcUrl(server.adminDatabase())
                    + " (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }

    private static Connection openLockConnection(PostgresServer server) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", server.user());
        server.password().ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", "pgdbm-junit-run-lock");
        p.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), p);
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

    /**
     * Drops a test's database on a background thread, so the next test does not wait for the previous one's
     * {@code DROP DATABASE}; {@link #close()} waits for every pending drop, and a JVM that dies first leaves the
     * databases to the next run's sweep. Falls back to dropping now when the run is closing.
     */
    public void dropLater(String database) {
        try {
            dropper.execute(() -> {
                try {
                    admin.dropDatabase(database);
                } catch (RuntimeException e) {
                    LOG.warn("pgdbm: dropping test database {} failed; the next run's sweep removes it: {}", database,
                            e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            admin.dropDatabase(database);
        }
    }

    /**
     * The config of a test database: a small pool that keeps the connection it opens at start-up (with a minimum of
     * 0 the pool would close that connection and open another for the first query).
     */
    public DatabaseConfig databaseConfig(String database) {
        return Admin.config(server, database, 1, settings.poolMax(), "pgdbm-test");
    }

    /**
     * Where DATABASE-isolated tests of {@code modules} get their databases from: one source per module set for the
     * whole run, preparing clones ahead unless {@code pgdbm.test.clones.ahead} is 0.
     */
    public CloneSource cloneSource(List<Module> modules) {
        if (settings.clonesAhead() == 0) {
            return new TemplateCloneSource(this, modules);
        }
        synchronized (this) {
            if (closed) {
                throw new PgdbmException("the pgdbm test run " + runId + " has ended");
            }
            return prepared.computeIfAbsent(List.copyOf(modules), m -> new PreparedCloneSource(
                    new TemplateCloneSource(this, m), admin, preparer, settings.clonesAhead(), this::databaseConfig));
        }
    }

    /** A database of the run made directly from the template of {@code modules}, never a prepared one. */
    public CloneSource freshCloneSource(List<Module> modules) {
        return new TemplateCloneSource(this, modules);
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

    /** Drops the shared schema database and releases the run lock (other runs may then sweep what was kept). */
    @Override
    public synchronized void close() {
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
            dropper.shutdown();
            try {
                dropper.awaitTermination(settings.waitTimeout().toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            templates.release(settings.keepTemplates());
        } finally {
            admin.close();
            try {
                lock.close();
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
