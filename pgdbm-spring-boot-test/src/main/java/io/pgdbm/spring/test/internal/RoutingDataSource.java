package io.pgdbm.spring.test.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The test context's {@code DataSource}: each connection comes from the pool of the database
 * {@link DatabaseRouter} names for the calling thread at that moment, so connections taken after a switch go to the
 * new database, and a dropped database's pool is closed with it.
 */
final class RoutingDataSource implements DataSource {
    private final DatabaseRouter router;

    RoutingDataSource(DatabaseRouter router) {
        this.router = router;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The pgdbm test DataSource connects as its server's user; call"
                + " getConnection() without a user and password");
    }

    private DataSource target() {
        return router.get().pool().dataSource();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("The pgdbm test DataSource is not a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // each database's pool logs through SLF4J
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // set by each database's pool
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("The pgdbm test DataSource logs through SLF4J");
    }

    @Override
    public String toString() {
        return "pgdbm test DataSource [" + router + "]";
    }
}
