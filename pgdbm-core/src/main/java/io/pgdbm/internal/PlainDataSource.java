package io.pgdbm.internal;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What every {@code DataSource} of pgdbm's own has in common: no log writer (pgdbm logs through SLF4J), no login
 * timeout of its own (the pool's or the driver's applies), and nothing to unwrap but itself. Subclasses give the
 * connections.
 *
 * <pre>{@code
 * final class OneDatabase extends PlainDataSource {
 *     public Connection getConnection() throws SQLException { return pool.getConnection(); }
 *     public Connection getConnection(String user, String password) throws SQLException { ... }
 * }
 * }</pre>
 */
public abstract class PlainDataSource implements DataSource {

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // pgdbm logs through SLF4J
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the pool's or the driver's timeout applies
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("pgdbm logs through SLF4J");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException(getClass().getSimpleName() + " is not a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
