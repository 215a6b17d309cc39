package io.pgdbm.junit.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps up to {@code ahead} clones of one template ready, made in the background, so a test's wait is handing over
 * a name instead of a {@code CREATE DATABASE}. The pool grows with demand: a template asked for once prepares one
 * spare, one asked for often keeps {@code ahead}. A request with a suffix, or one that finds the pool empty, clones
 * on the caller's thread. Prepared clones hold no connections, so they take nothing from the connection budget; they
 * carry the run's name shape and marker, so if the JVM dies the next run's sweep drops them. Thread-safe.
 */
final class PreparedCloneSource implements CloneSource {
    private static final Logger LOG = LoggerFactory.getLogger(PreparedCloneSource.class);

    private final TemplateCloneSource direct;
    private final Admin admin;
    private final Executor executor;
    private final int ahead;
    private final Deque<String> ready = new ArrayDeque<>();
    private int preparing;
    private int demand;
    private boolean closed;

    PreparedCloneSource(TemplateCloneSource direct, Admin admin, Executor executor, int ahead) {
        this.direct = direct;
        this.admin = admin;
        this.executor = executor;
        this.ahead = ahead;
    }

    @Override
    public String acquire(String suffix) {
        String name = null;
        synchronized (this) {
            demand++;
            if (suffix == null) {
                name = ready.pollFirst();
            }
        }
        if (name == null) {
            name = direct.acquire(suffix); // also builds the template on first use, before anything is prepared
        }
        refill();
        return name;
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

    private void prepareOne() {
        String name;
        try {
            name = direct.acquire(null);
        } catch (RuntimeException e) {
            LOG.warn("pgdbm: preparing a clone ahead failed; tests will clone on demand: {}", e.getMessage());
            synchronized (this) {
                preparing--;
            }
            return;
        }
        boolean keep;
        synchronized (this) {
            preparing--;
            keep = !closed;
            if (keep) {
                ready.addLast(name);
            }
        }
        if (!keep) {
            drop(name);
        }
    }

    /** Drops the clones nobody took; clones still being made are dropped by their maker. */
    void close() {
        List<String> unused;
        synchronized (this) {
            closed = true;
            unused = new ArrayList<>(ready);
            ready.clear();
        }
        unused.forEach(this::drop);
    }

    private void drop(String name) {
        try {
            admin.dropDatabase(name);
        } catch (RuntimeException e) {
            LOG.warn("pgdbm: could not drop unused clone {} (the next run's sweep will): {}", name, e.getMessage());
        }
    }

    synchronized int readyCount() {
        return ready.size();
    }
}
