package io.pgdbm.junit.internal;

import io.pgdbm.PgdbmException;
import io.pgdbm.testserver.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens pgdbm's own JDBC sessions on a server. A server that is full ("too many clients", SQLState 53300) is waited
 * for with backoff until the wait timeout, so a busy server slows a suite down instead of failing it.
 */
final class Sessions {
    static final String TOO_MANY_CLIENTS = "53300";

    private Sessions() {
    }

    static Connection open(PostgresServer server, String database, String application, Duration waitTimeout)
            throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", server.user());
        server.password().ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", application);
        p.setProperty("tcpKeepAlive", "true");
        long deadline = System.nanoTime() + waitTimeout.toNanos();
        long pauseMs = 10;
        while (true) {
            try {
                return DriverManager.getConnection(server.jdbcUrl(database), p);
            } catch (SQLException e) {
                if (!TOO_MANY_CLIENTS.equals(e.getSQLState()) || System.nanoTime() > deadline) {
                    throw e;
                }
                pause(pauseMs);
                pauseMs = Math.min(pauseMs * 2, 500);
            }
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgdbmException("interrupted while waiting to retry", e);
        }
    }
}
