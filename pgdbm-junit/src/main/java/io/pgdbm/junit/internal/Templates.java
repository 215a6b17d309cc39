package io.pgdbm.junit.internal;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.PgdbmException;
import io.pgdbm.SharedPool;
import io.pgdbm.internal.Identifiers;
import io.pgdbm.junit.TemplatePreparer;
import io.pgdbm.migration.Module;
import io.pgdbm.migration.ModuleSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrated template databases, built once per distinct migration set. Single flight within the JVM (one flight per
 * template; the others wait for it without holding connection slots) and across JVMs (an advisory lock per template
 * held by the run's own session, polled so that no one blocks forever); the template flag
 * is the "finished" marker, so a database of the template's name without it is a leftover of a crashed build and is
 * rebuilt. After a build, older templates of the same layout are dropped when nobody holds their lock. Thread-safe.
 */
public final class Templates {
    private static final Logger LOG = LoggerFactory.getLogger(Templates.class);

    private final Admin admin;
    private final ConnectionBudget budget;
    private final Duration waitTimeout;
    private final Map<String, Flight> inFlight = new ConcurrentHashMap<>();
    private final Map<TemplateSpec, TemplateKey> keys = new ConcurrentHashMap<>();
    /**
     * The run's own session (its run lock connection): holds the build lock while this run builds a template and a
     * shared use lock on every template the run uses. Statements on it are synchronized on it.
     */
    private final Connection useLocks;
    private final java.util.Set<String> used = ConcurrentHashMap.newKeySet();

    Templates(Admin admin, ConnectionBudget budget, Duration waitTimeout, Connection useLocks) {
        this.admin = admin;
        this.budget = budget;
        this.waitTimeout = waitTimeout;
        this.useLocks = useLocks;
    }

    /** The name of the finished template of {@code modules}, building it first if needed. */
    public String ensure(List<Module> modules) {
        return ensure(TemplateSpec.of(modules));
    }

    /**
     * The name of the finished template of {@code spec}, building it first if needed. Its inputs are hashed on the
     * run's first use, so a file edited while the run goes on is not seen.
     */
    public String ensure(TemplateSpec spec) {
        TemplateKey key = key(spec);
        Flight mine = new Flight();
        Flight existing = inFlight.putIfAbsent(key.name(), mine);
        if (existing != null) {
            return existing.await(key.name());
        }
        try {
            buildUnderLock(key, spec);
            mine.land(null);
        } catch (RuntimeException e) {
            inFlight.remove(key.name(), mine); // a later test tries again
            mine.land(e);
            throw e;
        }
        return key.name();
    }

    /**
     * One build others wait for. A latch, not a {@code CompletableFuture}: joining one inside JUnit's ForkJoin
     * executor makes it start compensating workers, which then start more tests.
     */
    private final class Flight {
        private final CountDownLatch landed = new CountDownLatch(1);
        private volatile RuntimeException failure;

        void land(RuntimeException failure) {
            this.failure = failure;
            landed.countDown();
        }

        String await(String name) {
            try {
                if (!landed.await(waitTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new PgdbmException("Waited " + waitTimeout.toSeconds() + " s for another thread to build"
                            + " template " + name + "; raise pgdbm.test.wait.seconds if its migrations take that long");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PgdbmException("interrupted while waiting for template " + name, e);
            }
            if (failure != null) {
                throw failure;
            }
            return name;
        }
    }

    /** The name the template of {@code spec} has (built or not): equal inputs, equal names. */
    public String name(TemplateSpec spec) {
        return key(spec).name();
    }

    private TemplateKey key(TemplateSpec spec) {
        return keys.computeIfAbsent(spec, s -> TemplateKey.of(s, admin.server().serverVersionNum()));
    }

    /** Forgets a template this JVM built (it was dropped by someone else), so the next {@link #ensure} rebuilds it. */
    void forget(String template) {
        inFlight.remove(template);
    }

    private void buildUnderLock(TemplateKey key, TemplateSpec spec) {
        String name = key.name();
        try {
            acquire(Names.templateLockKey(name));
            try {
                markUsed(name); // under the build lock, so no other run is dropping it right now
                Boolean finished;
                try (Connection c = admin.connection()) {
                    finished = templateState(c, name);
                }
                if (Boolean.TRUE.equals(finished)) {
                    LOG.debug("pgdbm: reusing template {}", name);
                } else {
                    if (finished != null) {
                        LOG.info("pgdbm: dropping unfinished template {} left by a build that did not complete", name);
                        admin.dropDatabase(name);
                    }
                    build(key, spec);
                }
            } finally {
                synchronized (useLocks) {
                    unlock(useLocks, Names.templateLockKey(name));
                }
            }
            collectOlder(key);
        } catch (SQLException e) {
            throw new PgdbmException("Could not build template " + name + " (SQLState " + e.getSQLState() + "): "
                    + e.getMessage(), e);
        }
    }

    private void build(TemplateKey key, TemplateSpec spec) throws SQLException {
        String name = key.name();
        long start = System.nanoTime();
        admin.createDatabase(name, null, key.comment());
        // a tool may hold connections of its own: Flyway has its lock, the migrations and the callbacks on three
        int connections = spec.preparer() == null ? 1 : 3;
        try (ConnectionBudget.Lease lease = budget.acquire(1, connections, "building template " + name);
                SharedPool pool = SharedPool.create(Admin.config(admin.server(), name, 0, lease.size(),
                        "pgdbm-junit-template"))) {
            if (spec.preparer() != null) {
                prepare(spec.preparer(), pool, name);
            }
            ModuleSet.of(spec.modules()).migrate(pool);
        } catch (Exception e) {
            // a failed build leaves nothing: the next attempt (this run or another) starts from scratch
            try {
                admin.dropDatabase(name);
            } catch (RuntimeException dropFailure) {
                e.addSuppressed(dropFailure);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new PgdbmException("building template " + name + " failed: " + e.getMessage(), e);
        }
        try (Connection c = admin.connection(); Statement st = c.createStatement()) {
            // the flag is the "finished" marker other JVMs look for; connections are refused so clones never wait
            st.execute("ALTER DATABASE " + Identifiers.quote(name, "database") + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
        }
        LOG.info("pgdbm: built template {} from {} in {} ms", name, spec.describe(), (System.nanoTime() - start) / 1_000_000);
    }

    private static void prepare(TemplatePreparer preparer, SharedPool pool, String template) {
        try {
            preparer.prepare(pool.dataSource());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new PgdbmException("The template preparer " + preparer.identity() + " failed while building template "
                    + template + ": " + e.getMessage() + "; the template was dropped, and the next test builds it again",
                    e);
        }
    }

    private void markUsed(String name) throws SQLException {
        if (!used.add(name)) {
            return;
        }
        synchronized (useLocks) {
            try (PreparedStatement ps = useLocks.prepareStatement("SELECT pg_try_advisory_lock_shared(hashtext(?))")) {
                ps.setString(1, Names.templateUseKey(name));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        throw new PgdbmException("template " + name + " is being dropped by another run although this"
                                + " run holds its build lock; look for a stuck session in pg_locks");
                    }
                }
            }
        }
    }

    /**
     * Ends this run's use of its templates: releases the shared use locks and, unless {@code keep}, drops each
     * template that no other run is using (a run still using one holds its use lock; it drops it when it ends).
     */
    void release(boolean keep) {
        for (String name : used) {
            try {
                synchronized (useLocks) {
                    try (PreparedStatement ps = useLocks.prepareStatement("SELECT pg_advisory_unlock_shared(hashtext(?))")) {
                        ps.setString(1, Names.templateUseKey(name));
                        ps.execute();
                    }
                }
                if (!keep) {
                    synchronized (useLocks) {
                        dropTemplateIfFree(useLocks, name, admin);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("pgdbm: could not release template {}; a later run drops it: {}", name, e.toString());
            }
        }
        used.clear();
    }

    /** The comment of database {@code name} ({@code null}: none, or no such database). */
    static String comment(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT shobj_description(oid, 'pg_database') FROM pg_database"
                + " WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** {@code null}: no such database; {@code false}: unfinished; {@code true}: a finished template. */
    private static Boolean templateState(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT datistemplate FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    /** Takes a lock on the run's session, polling: the session is shared, so it never blocks in the server. */
    private void acquire(String lockKey) throws SQLException {
        long deadline = System.nanoTime() + waitTimeout.toNanos();
        long delay = 10;
        while (!tryLockOnSession(lockKey)) {
            if (System.nanoTime() > deadline) {
                throw new PgdbmException("Waited " + waitTimeout.toSeconds() + " s for the advisory lock '" + lockKey
                        + "' held by another session building the same template; if no build is running, look for a"
                        + " stuck session in pg_locks, or raise pgdbm.test.wait.seconds");
            }
            Admin.pause(delay);
            delay = Math.min(delay * 2, 500);
        }
    }

    private boolean tryLockOnSession(String lockKey) throws SQLException {
        synchronized (useLocks) {
            return tryLock(useLocks, lockKey);
        }
    }

    static boolean tryLock(Connection c, String lockKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            ps.setString(1, lockKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static void unlock(Connection c, String lockKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            ps.setString(1, lockKey);
            ps.execute();
        }
    }

    /** Drops templates of the same layout but other content, each only while nobody holds its build lock. */
    private void collectOlder(TemplateKey key) throws SQLException {
        List<String> older = new ArrayList<>();
        try (Connection c = admin.connection(); PreparedStatement ps = c.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE 'pgdbm\\_tpl\\_%'"
                + " AND datname <> ? AND shobj_description(oid, 'pg_database') = ?")) {
            ps.setString(1, key.name());
            ps.setString(2, key.comment());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    older.add(rs.getString(1));
                }
            }
        }
        for (String old : older) {
            synchronized (useLocks) {
                dropTemplateIfFree(useLocks, old, admin);
            }
        }
    }

    /**
     * Drops a template (finished or not) when nobody builds it (its build lock is free) and no run uses it (its use
     * lock can be taken exclusively) and it carries pgdbm's template comment; returns whether it did. Runs on
     * {@code c} alone (the run's session), so it never waits for a connection slot while holding the session.
     */
    static boolean dropTemplateIfFree(Connection c, String template, Admin admin) throws SQLException {
        if (!Names.TEMPLATE.matcher(template).matches() || !Names.isTemplateMarker(comment(c, template))
                || !tryLock(c, Names.templateLockKey(template))) {
            return false;
        }
        boolean unused = false;
        try (Statement st = c.createStatement()) {
            unused = tryLock(c, Names.templateUseKey(template));
            if (!unused) {
                return false; // a live run still clones from it
            }
            try {
                st.execute("ALTER DATABASE " + Identifiers.quote(template, "database") + " WITH IS_TEMPLATE false");
            } catch (SQLException e) {
                if ("3D000".equals(e.getSQLState())) {
                    return false; // someone else dropped it meanwhile
                }
                throw e;
            }
            Admin.dropDatabase(st, template, admin.server().serverVersionNum());
            LOG.info("pgdbm: dropped template {} (no run uses it)", template);
            return true;
        } finally {
            if (unused) {
                unlock(c, Names.templateUseKey(template));
            }
            unlock(c, Names.templateLockKey(template));
        }
    }
}
