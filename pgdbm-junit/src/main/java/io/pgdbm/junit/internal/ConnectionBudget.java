package io.pgdbm.junit.internal;

import io.pgdbm.PgdbmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections pgdbm may hold on one server, shared by every JVM that tests against it. A slot is a session
 * advisory lock {@code (SLOT_CLASS, n)} held by a run's own session; pgdbm opens a connection (admin, template
 * build, test pool, prepared clone's pool) only while it holds one slot per connection, so the locks held on the
 * server count pgdbm's connections in every JVM at once. The slots range over what the server has left:
 * {@code max_connections} minus the reserved connections minus the client sessions that are not pgdbm's own,
 * re-read while waiting, so a busy server slows the suite down instead of failing it with "too many clients".
 *
 * <p>A request takes all its slots at once or none (it never holds some while waiting for more), and a waiting
 * thread parks without telling a {@code ForkJoinPool} it blocks, so JUnit's parallel executor does not start extra
 * workers. Thread-safe.
 */
public final class ConnectionBudget {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionBudget.class);
    /** The first key of pgdbm's slot locks ("pdbm"): a session holding {@code (SLOT_CLASS, n)} holds slot n. */
    static final int SLOT_CLASS = 0x7064626d;
    /**
     * The first key of the lock a run's session holds (shared, once per waiting thread) while a thread of that run
     * waits for slots ("pdbw"): every other run, in this JVM or another, then gives back the slots it holds ahead
     * of need (spares, prepared clones' idle pools).
     */
    static final int WAIT_CLASS = 0x70646277;
    private static final String OTHERS_WAIT = "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
            + " AND classid = ?::oid AND objsubid = 2 AND granted AND pid <> pg_backend_pid())";
    /** Sessions whose application name starts with this are pgdbm's own (counted by slots, not as other sessions). */
    static final String APPLICATION_PREFIX = "pgdbm-junit";
    private static final String LOOK_AND_TAKE = """
            WITH n AS MATERIALIZED (
                SELECT current_setting('max_connections')::int AS max_connections,
                       current_setting('superuser_reserved_connections')::int
                           + coalesce(nullif(current_setting('reserved_connections', true), '')::int, 0) AS reserved,
                       (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'
                           AND coalesce(application_name, '') NOT LIKE 'pgdbm-junit%')::int AS others,
                       (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = ?::oid AND objsubid = 2
                           AND granted)::int AS pgdbm),
            candidates AS MATERIALIZED (
                SELECT s FROM n, generate_series(0, n.max_connections - n.reserved - n.others - 1) s
                 WHERE NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.classid = ?::oid
                                      AND l.objid = s::oid AND l.objsubid = 2)
                 ORDER BY random()
                 LIMIT (SELECT CASE WHEN max_connections - reserved - others - pgdbm >= 2 * ? THEN ? ELSE ? END FROM n))
            SELECT n.max_connections, n.reserved, n.others, n.pgdbm,
                   ARRAY(SELECT s FROM candidates WHERE pg_try_advisory_lock(?, s))
              FROM n
            """;
    /** Spare slots are kept only while the server has at least this many slots nobody holds. */
    private static final int SPARE_HEADROOM = 8;
    private static final int MAX_SPARE = 8;
    private static final long SPARE_NANOS = Duration.ofMillis(250).toNanos();

    private record Spare(int slot, long since) {
    }

    private static final long SETTLE_NANOS = Duration.ofSeconds(1).toNanos();

    private final Connection session;
    private final String server;
    private final Duration waitTimeout;
    private final Object released = new Object();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Deque<Spare> spare = new ArrayDeque<>();
    private volatile long lastLook;
    private final List<Runnable> reclaimers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Numbers last = new Numbers(0, 0, 0, 0);
    private volatile boolean othersWaiting;

    /** What the server said at the last look: for the error that tells why a wait ran out. */
    private record Numbers(int maxConnections, int reserved, int others, int pgdbm) {
        int slots() {
            return Math.max(0, maxConnections - reserved - others);
        }
    }

    /**
     * A budget whose slots are held by {@code session} (the run's own connection, which takes the first slot for
     * itself, waiting for it when the server is full).
     */
    ConnectionBudget(Connection session, String server, Duration waitTimeout) {
        this.session = session;
        this.server = server;
        this.waitTimeout = waitTimeout;
        acquire(1, 1, "the run's own session").keep();
    }

    /** Slots taken together and given back together, once. */
    public final class Lease implements AutoCloseable {
        private final List<Integer> slots;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(List<Integer> slots) {
            this.slots = slots;
        }

        /** How many connections this lease allows. */
        public int size() {
            return slots.size();
        }

        private void keep() {
            closed.set(true); // held until the session ends
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(slots);
            }
        }
    }

    /**
     * Takes between {@code min} and {@code max} slots ({@code max} while the server has plenty free, else
     * {@code min}), waiting while fewer than {@code min} are free; after a second of waiting one slot is enough (a server with very few connections
     * left still makes progress, one connection per test). Holds nothing while it waits.
     *
     * @throws PgdbmException after {@code pgdbm.test.wait.seconds}, with the server's numbers and what to change
     */
    public Lease acquire(int min, int max, String what) {
        Lease lease = tryAcquire(min, max);
        if (lease != null) {
            return lease;
        }
        long started = System.nanoTime();
        long deadline = started + waitTimeout.toNanos();
        long pauseMs = 1;
        waiting.incrementAndGet();
        announceWaiting(true);
        try {
            while (true) {
                reclaimers.forEach(Runnable::run);
                synchronized (released) {
                    // woken by a release in this JVM; other JVMs' releases are seen at the next look. A plain wait,
                    // not ForkJoinPool.managedBlock: that would make JUnit's executor start a compensating worker
                    long jitter = (long) (Math.random() * pauseMs);
                    try {
                        released.wait(pauseMs + jitter);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new PgdbmException("interrupted while waiting for a connection slot for " + what, e);
                    }
                }
                pauseMs = Math.min(pauseMs * 2, 100);
                boolean patient = System.nanoTime() - started < SETTLE_NANOS;
                lease = tryAcquire(patient ? min : 1, max);
                if (lease != null) {
                    long waitedMs = (System.nanoTime() - started) / 1_000_000;
                    if (waitedMs > 5_000) {
                        LOG.info("pgdbm: waited {} ms for {} connection slot(s) on {} for {}", waitedMs, min, server, what);
                    }
                    return lease;
                }
                if (System.nanoTime() > deadline) {
                    throw exhausted(min, what);
                }
            }
        } finally {
            waiting.decrementAndGet();
            announceWaiting(false);
        }
    }

    /** Tells every other run on the server that a thread of this one waits for slots (or no longer does). */
    private void announceWaiting(boolean waits) {
        try {
            synchronized (session) {
                if (session.isClosed()) {
                    return;
                }
                try (PreparedStatement ps = session.prepareStatement(waits ? "SELECT pg_advisory_lock_shared(?, 0)"
                        : "SELECT pg_advisory_unlock_shared(?, 0)")) {
                    ps.setInt(1, WAIT_CLASS);
                    ps.execute();
                }
            }
        } catch (SQLException e) {
            LOG.debug("pgdbm: announcing a wait for connection slots: {}", e.toString()); // the session ending frees it
        }
    }

    /** Whether a thread of another run (in this JVM or another) waits for slots. */
    private boolean othersWait() {
        try {
            synchronized (session) {
                try (PreparedStatement ps = session.prepareStatement(OTHERS_WAIT)) {
                    ps.setInt(1, WAIT_CLASS);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() && rs.getBoolean(1);
                    }
                }
            }
        } catch (SQLException e) {
            LOG.debug("pgdbm: looking for runs that wait for connection slots: {}", e.toString());
            return false;
        }
    }

    /**
     * Takes between {@code min} and {@code max} slots now, or none ({@code null}): first the run's spare slots (held
     * on the server already, given back by a test that just ended), then free ones from the server.
     */
    public Lease tryAcquire(int min, int max) {
        List<Integer> taken = new ArrayList<>(max);
        synchronized (spare) {
            while (taken.size() < max && !spare.isEmpty()) {
                taken.add(spare.pollLast().slot());
            }
        }
        if (taken.size() < max) {
            try {
                synchronized (session) {
                    taken.addAll(lookAndTake(Math.max(0, min - taken.size()), max - taken.size()));
                    if (taken.size() < min) {
                        unlock(taken);
                        return null;
                    }
                }
            } catch (SQLException e) {
                giveBack(taken);
                throw new PgdbmException("Could not take a connection slot on " + server + " (SQLState " + e.getSQLState()
                        + "): " + e.getMessage(), e);
            }
        }
        held.addAndGet(taken.size());
        return new Lease(taken);
    }

    /**
     * Registers what gives back slots held by something idle (a prepared clone's open pool) when a thread has to
     * wait: slots held ahead of need must never keep a waiting test from its connections.
     */
    void onShortage(Runnable reclaimer) {
        reclaimers.add(reclaimer);
    }

    /**
     * Whether a thread of this run waits for a slot, or (as of the last {@link #tidy}) a thread of another run on the
     * server does: idle connections should then go, and nothing should take slots ahead of need.
     */
    boolean hasWaiters() {
        return waiting.get() > 0 || othersWaiting;
    }

    /**
     * One round trip: reads the server's numbers and try-locks free slots below the budget, picked at random (JVMs
     * starting at the same slot would mostly collide): {@code wanted} while at least twice that many are free, else
     * only {@code fewest}, so that on a small server every test gets a small pool rather than a few tests big ones.
     * The candidates are fixed before any lock is tried, so every slot locked is one returned.
     */
    private List<Integer> lookAndTake(int fewest, int wanted) throws SQLException {
        List<Integer> taken = new ArrayList<>();
        try (PreparedStatement ps = session.prepareStatement(LOOK_AND_TAKE)) {
            ps.setInt(1, SLOT_CLASS);
            ps.setInt(2, SLOT_CLASS);
            ps.setInt(3, wanted);
            ps.setInt(4, wanted);
            ps.setInt(5, fewest);
            ps.setInt(6, SLOT_CLASS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                last = new Numbers(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4));
                lastLook = System.nanoTime();
                Array a = rs.getArray(5);
                taken.addAll(List.of((Integer[]) a.getArray()));
            }
        }
        return taken;
    }

    private void release(List<Integer> slots) {
        held.addAndGet(-slots.size());
        giveBack(slots);
        synchronized (released) {
            released.notifyAll();
        }
    }

    /**
     * Keeps slots as spares while the server has plenty left (the next test of this run takes them without a round
     * trip), else gives them back to the server at once so other runs can have them.
     */
    private void giveBack(List<Integer> slots) {
        Numbers n = last;
        long now = System.nanoTime();
        List<Integer> back = new ArrayList<>();
        synchronized (spare) {
            for (Integer slot : slots) {
                if (n.slots() - n.pgdbm() >= SPARE_HEADROOM && spare.size() < MAX_SPARE && !hasWaiters()) {
                    spare.addLast(new Spare(slot, now));
                } else {
                    back.add(slot);
                }
            }
        }
        unlockQuietly(back);
    }

    /**
     * Gives the server back spares unused for a moment, and everything held ahead of need while another run waits
     * for slots; takes a fresh look at the server's numbers while spares are kept (other sessions may have come).
     * Run periodically by the run.
     */
    void tidy() {
        boolean othersWait = othersWait();
        othersWaiting = othersWait;
        if (othersWait) {
            reclaimers.forEach(Runnable::run); // idle pools of prepared clones give their slots back
        }
        List<Integer> back = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (spare) {
            while (!spare.isEmpty() && (now - spare.peekFirst().since() > SPARE_NANOS || hasWaiters() || othersWait)) {
                back.add(spare.pollFirst().slot());
            }
        }
        unlockQuietly(back);
        boolean keeping;
        synchronized (spare) {
            keeping = !spare.isEmpty();
        }
        if (keeping && now - lastLook > SPARE_NANOS) {
            try {
                synchronized (session) {
                    lookAndTake(0, 0);
                }
            } catch (SQLException e) {
                LOG.debug("pgdbm: reading the server's connection numbers: {}", e.toString());
            }
        }
    }

    private void unlockQuietly(List<Integer> slots) {
        if (slots.isEmpty()) {
            return;
        }
        try {
            synchronized (session) {
                unlock(slots);
            }
        } catch (SQLException e) {
            LOG.debug("pgdbm: releasing connection slots {}: {}", slots, e.toString()); // the session ending frees them
        }
    }

    private void unlock(List<Integer> slots) throws SQLException {
        if (slots.isEmpty() || session.isClosed()) {
            return;
        }
        try (PreparedStatement ps = session.prepareStatement("SELECT pg_advisory_unlock(?, s) FROM unnest(?::int[]) s")) {
            ps.setInt(1, SLOT_CLASS);
            ps.setArray(2, session.createArrayOf("int4", slots.toArray()));
            ps.execute();
        }
    }

    private PgdbmException exhausted(int wanted, String what) {
        Numbers n = last;
        return new PgdbmException("Waited " + waitTimeout.toSeconds() + " s for " + wanted + " connection(s) for " + what
                + " on " + server + ": max_connections is " + n.maxConnections() + ", " + n.reserved() + " are reserved, "
                + n.others() + " are in use by other sessions, and pgdbm's test runs (every JVM on this server) hold "
                + n.pgdbm() + " (this JVM " + held.get() + "). Raise the server's max_connections, run fewer test JVMs or"
                + " threads at once (junit.jupiter.execution.parallel.config.fixed.parallelism), lower"
                + " pgdbm.test.pool.max, or raise pgdbm.test.wait.seconds.");
    }

    /** Slots this JVM's run holds now (its session's included). */
    public int held() {
        return held.get();
    }
}
