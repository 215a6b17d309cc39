package io.pgdbm.spring.test.internal;

import io.pgdbm.internal.PlainDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import javax.sql.DataSource;

/**
 * The test context's {@code DataSource}: each connection comes from the pool of the database
 * {@link DatabaseRouter} names for the calling thread at that moment, so connections taken after a switch go to the
 * new database, and a dropped database's pool is closed with it.
 */
final class RoutingDataSource extends PlainDataSource {
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
    public String toString() {
        return "pgdbm test DataSource [" + router + "]";
    }
}
