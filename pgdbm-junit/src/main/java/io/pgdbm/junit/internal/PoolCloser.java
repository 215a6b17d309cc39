package io.pgdbm.junit.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes test databases' pools on a background thread of their own, so a test does not wait for HikariCP to stop its
 * threads and connections (about 2 ms on a quiet machine, 10–20 ms on a loaded one), and the closes do not queue
 * behind the run's {@code DROP DATABASE}s. The pools waiting to be closed still hold their connection slots; when a
 * thread of this JVM waits for slots, {@link #closeAllNow()} (a budget reclaimer) closes them on that thread at once.
 * A pool is closed once, whoever gets to it first; {@link #closeNow} returns only once it is closed, so a database is
 * never dropped under its open pool. Thread-safe.
 */
final class PoolCloser {
    private static final Logger LOG = LoggerFactory.getLogger(PoolCloser.class);

    private final ExecutorService background;
    private final ConcurrentLinkedQueue<TestPool> pending = new ConcurrentLinkedQueue<>();

    PoolCloser(String runId) {
        this.background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pgdbm-pool-close-" + runId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Closes {@code pool} on the background thread; now when the run is ending. */
    void closeLater(TestPool pool) {
        pending.add(pool);
        try {
            background.execute(() -> closeNow(pool));
        } catch (RejectedExecutionException ending) {
            closeNow(pool);
        }
    }

    /** Closes {@code pool} on the calling thread if nobody has yet; returns once it is closed. */
    void closeNow(TestPool pool) {
        pending.remove(pool);
        synchronized (pool) { // a second caller waits until the first has closed it
            try {
                pool.close(); // idempotent
            } catch (RuntimeException e) {
                LOG.warn("pgdbm: closing the pool of a test database failed: {}", e.toString());
            }
        }
    }

    /** Closes every pool still waiting, on the calling thread: slots are short, or the run ends. */
    void closeAllNow() {
        for (TestPool pool = pending.poll(); pool != null; pool = pending.poll()) {
            closeNow(pool);
        }
    }

    /** Closes what is left and stops the background thread. */
    void shutdown(long timeoutSeconds) {
        background.shutdown();
        try {
            background.awaitTermination(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeAllNow();
    }
}
