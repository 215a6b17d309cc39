package io.pgdbm.junit.internal;

import io.pgdbm.internal.PlainDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out views of one physical connection that is inside a transaction the test harness rolls back. Each view
 * emulates auto-commit: {@code setAutoCommit(false)} starts a savepoint, {@code commit()} releases it,
 * {@code rollback()} rolls back to it; {@code close()} leaves the physical connection open. Work done through the
 * views therefore never outlives the harness's transaction. Several views may exist (nested borrowing on one
 * thread); statements from several threads are serialized by the driver.
 */
final class PinnedDataSource extends PlainDataSource {
    private final Connection physical;
    private final AtomicInteger savepoints = new AtomicInteger();

    PinnedDataSource(Connection physical) {
        this.physical = physical;
    }

    @Override
    public Connection getConnection() {
        View view = new View("pgdbm_tx_" + savepoints.incrementAndGet());
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, view::invoke);
    }

    @Override
    public Connection getConnection(String username, String password) {
        return getConnection();
    }

    private final class View {
        private final String savepoint;
        private boolean autoCommit = true;

        View(String savepoint) {
            this.savepoint = savepoint;
        }

        Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    if (!autoCommit) {
                        run("ROLLBACK TO SAVEPOINT " + savepoint, "RELEASE SAVEPOINT " + savepoint);
                        autoCommit = true;
                    }
                    return null;
                case "isClosed":
                    return physical.isClosed();
                case "getAutoCommit":
                    return autoCommit;
                case "setAutoCommit":
                    boolean on = (Boolean) args[0];
                    if (on != autoCommit) {
                        run(on ? "RELEASE SAVEPOINT " + savepoint : "SAVEPOINT " + savepoint);
                        autoCommit = on;
                    }
                    return null;
                case "commit":
                    if (!autoCommit) {
                        run("RELEASE SAVEPOINT " + savepoint, "SAVEPOINT " + savepoint);
                    }
                    return null;
                case "rollback":
                    if (args == null || args.length == 0) {
                        if (!autoCommit) {
                            run("ROLLBACK TO SAVEPOINT " + savepoint);
                        }
                        return null;
                    }
                    break;
                case "setTransactionIsolation":
                case "setReadOnly":
                    return null; // not allowed inside the harness's transaction; the pool's resets are harmless to skip
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "PinnedConnection[" + savepoint + "]";
                default:
                    break;
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void run(String... sql) throws SQLException {
            try (Statement st = physical.createStatement()) {
                for (String s : sql) {
                    st.execute(s);
                }
            }
        }
    }
}
