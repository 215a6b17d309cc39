package io.pgdbm.junit.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps up to {@code ahead} clones of one template ready, made in the background, so a test's wait is handing over
 * a name instead of a {@code CREATE DATABASE}. The pool grows with demand: a template asked for once prepares one
 * spare, one asked for often keeps {@code ahead}. A request with a suffix, or one that finds the pool empty, clones
 * on the caller's thread. Each prepared clone comes with its pool already open (one connection, so the test does not
 * wait for a connection either) when the connection budget has slots free right now; a preparer never waits for
 * slots, so clones made ahead never keep a test from getting its connections. A request that finds none ready waits
 * for one being made (once a first clone was made, so the template is known to build) when no other request
 * already waits for it, instead of starting a clone of its own. Prepared clones
 * carry the run's name shape, so if the JVM dies the next run's sweep drops them. Thread-safe.
 */
final class PreparedCloneSource implements CloneSource {
    private static final Logger LOG = LoggerFactory.getLogger(PreparedCloneSource.class);

    private final TemplateCloneSource direct;
    private final Admin admin;
    private final Executor executor;
    private final int ahead;
    private final Function<String, Optional<TestPool>> pools;
    private final Deque<Clone> ready = new ArrayDeque<>();
    private int preparing;
    private int waiting;
    private int made;
    private int demand;
    private boolean closed;

    PreparedCloneSource(TemplateCloneSource direct, Admin admin, Executor executor, int ahead,
                        Function<String, Optional<TestPool>> pools) {
        this.direct = direct;
        this.pools = pools;
        this.admin = admin;
        this.executor = executor;
        this.ahead = ahead;
    }

    @Override
    public Clone acquire(String suffix) {
        Clone clone = null;
        synchronized (this) {
            demand++;
            if (suffix == null) {
                clone = ready.pollFirst();
                // None ready, but one is being made that no other request waits for: it is further along than a
                // clone started now would be, and a third CREATE DATABASE at once would slow both down.
                while (clone == null && !closed && made > 0 && preparing > waiting) {
                    waiting++;
                    try {
                        wait(); // woken when a clone lands or a preparation fails; a plain wait, as in ConnectionBudget
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    } finally {
                        waiting--;
                    }
                    clone = ready.pollFirst();
                }
            }
        }
        if (clone == null) {
            clone = direct.acquire(suffix); // also builds the template on first use, before anything is prepared
        }
        refill();
        return clone;
    }

    private void refill() {
        int start;
        synchronized (this) {
            start = closed ? 0 : Math.max(0, Math.min(ahead, demand) - ready.size() - preparing);
            preparing += start;
        }
        for (int i = 0; i < start; i++) {
            try {
                executor.execute(this::prepareOne);
            } catch (RuntimeException rejected) { // the run is closing
                synchronized (this) {
                    preparing--;
                }
            }
        }
    }

    /**
     * Clones the template and, when slots are free, opens the clone's pool (one connection ready), so a test only
     * takes them over.
     */
    private void prepareOne() {
        Clone clone;
        try {
            String name = direct.acquire(null).name();
            try {
                clone = new Clone(name, pools.apply(name).orElse(null));
            } catch (RuntimeException e) {
                drop(new Clone(name, null));
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.warn("pgdbm: preparing a clone ahead failed; tests will clone on demand: {}", e.getMessage());
            synchronized (this) {
                preparing--;
                notifyAll(); // a request waiting for this clone makes its own
            }
            return;
        }
        boolean keep;
        synchronized (this) {
            preparing--;
            keep = !closed;
            if (keep) {
                made++;
                ready.addLast(clone);
            }
            notifyAll();
        }
        if (!keep) {
            drop(clone);
        }
    }

    /**
     * Closes the pools of the clones waiting to be taken (their databases stay ready), giving their connection slots
     * to a thread that waits for some.
     */
    void shedPools() {
        List<TestPool> shed = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < ready.size(); i++) {
                Clone c = ready.pollFirst();
                if (c.pool() != null) {
                    shed.add(c.pool());
                    c = new Clone(c.name(), null);
                }
                ready.addLast(c);
            }
        }
        shed.forEach(TestPool::close);
    }

    /** Drops the clones nobody took; clones still being made are dropped by their maker. */
    void close() {
        List<Clone> unused;
        synchronized (this) {
            closed = true;
            unused = new ArrayList<>(ready);
            ready.clear();
            notifyAll();
        }
        unused.forEach(this::drop);
    }

    private void drop(Clone clone) {
        try {
            if (clone.pool() != null) {
                clone.pool().close();
            }
            admin.dropDatabase(clone.name());
        } catch (RuntimeException e) {
            LOG.warn("pgdbm: could not drop unused clone {} (the next run's sweep will): {}", clone.name(), e.getMessage());
        }
    }

    synchronized int readyCount() {
        return ready.size();
    }
}
