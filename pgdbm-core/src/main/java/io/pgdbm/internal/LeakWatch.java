package io.pgdbm.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection leak detection for one pool, reported with the manager's name. HikariCP's own detection logs
 * without the pool's or the borrower's name (only its thread shows the pool), so pgdbm watches borrowed
 * connections itself: a connection not closed within the threshold is logged at WARN with the stack of the
 * code that took it, and its later return at INFO.
 */
public final class LeakWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeakWatch.class);

    private final String poolName;
    private final long thresholdMillis;
    private final ScheduledThreadPoolExecutor timer;

    public LeakWatch(String poolName, Duration threshold) {
        this.poolName = poolName;
        this.thresholdMillis = threshold.toMillis();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, poolName + ":leak-watch");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** {@code connection}, watched until it is closed. */
    public Connection watch(Connection connection, String manager) {
        String thread = Thread.currentThread().getName();
        Exception origin = new Exception("connection taken here by thread " + thread);
        long start = System.nanoTime();
        AtomicBoolean reported = new AtomicBoolean();
        ScheduledFuture<?> alarm = timer.schedule(() -> {
            reported.set(true);
            LOG.warn("[{}] connection leak: a connection from pool {} has been held for more than {} ms "
                    + "(leakDetectionThreshold) by thread {}; close it (acquire()) or end the transaction sooner. "
                    + "Stack of the code that took it follows", manager, poolName, thresholdMillis,
                    thread, origin);
        }, thresholdMillis, TimeUnit.MILLISECONDS);
        InvocationHandler handler = new Watched(connection) {
            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                if ("close".equals(method.getName()) && method.getParameterCount() == 0) {
                    alarm.cancel(false);
                    if (reported.get()) {
                        LOG.info("[{}] the connection reported as leaked was returned to pool {} after {} ms", manager,
                                poolName, (System.nanoTime() - start) / 1_000_000);
                    }
                }
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    /** The pool's own connection behind a watched one (or {@code connection} itself when it is not watched). */
    public static Connection unwrap(Connection connection) {
        if (Proxy.isProxyClass(connection.getClass()) && Proxy.getInvocationHandler(connection) instanceof Watched w) {
            return w.connection;
        }
        return connection;
    }

    private abstract static class Watched implements InvocationHandler {
        final Connection connection;

        Watched(Connection connection) {
            this.connection = connection;
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService t = timer;
        t.shutdownNow();
    }
}
