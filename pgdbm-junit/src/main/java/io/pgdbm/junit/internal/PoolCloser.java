package io.pgdbm.junit.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes test databases' pools on the run's background thread, so a test does not wait for HikariCP to stop its
 * threads and connections (about 2 ms on a quiet machine, 10–20 ms on a loaded one). The pools waiting to be closed
 * still hold their connection slots; when a thread of this JVM waits for slots, {@link #closeAllNow()} (a budget
 * reclaimer) closes them on that thread at once. A pool is closed once, whoever gets to it first, and the background
 * task of a pool returns only once it is closed, so its database is never dropped under an open pool. Thread-safe.
 */
final class PoolCloser {
    private static final Logger LOG = LoggerFactory.getLogger(PoolCloser.class);

    private final Executor background;
    private final ConcurrentLinkedQueue<TestPool> pending = new ConcurrentLinkedQueue<>();

    /** @param background the run's single background thread, which also drops the test databases, in order */
    PoolCloser(Executor background) {
        this.background = background;
    }

    /**
     * Closes {@code pool} on the background thread, before any task submitted after this call (such as dropping the
     * pool's database); closes it now when the run is ending.
     */
    void closeLater(TestPool pool) {
        pending.add(pool);
        try {
            background.execute(() -> {
                pending.remove(pool);
                close(pool); // returns once closed, also when a reclaimer is closing it right now
            });
        } catch (RejectedExecutionException ending) {
            pending.remove(pool);
            close(pool);
        }
    }

    /** Closes every pool still waiting, on the calling thread: slots are short, or the run ends. */
    void closeAllNow() {
        for (TestPool pool = pending.poll(); pool != null; pool = pending.poll()) {
            close(pool);
        }
    }

    /** Closes {@code pool} (idempotent); a second caller waits until the first has closed it. */
    private static void close(TestPool pool) {
        synchronized (pool) {
            try {
                pool.close();
            } catch (RuntimeException e) {
                LOG.warn("pgdbm: closing the pool of a test database failed: {}", e.toString());
            }
        }
    }
}
