package io.pgdbm.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The module's session-level advisory lock, with the original's key computed by the server:
 * {@code hashtext('pgdbm_migration_' || module)}. Taken by polling {@code pg_try_advisory_lock} with backoff,
 * never by blocking inside {@code pg_advisory_lock}: a blocked session holds a virtual transaction that
 * {@code CREATE INDEX CONCURRENTLY} in the lock holder would wait for — a deadlock the server cannot see.
 */
final class AdvisoryLock {
    private static final String KEY = "hashtext('pgdbm_migration_' || ?)";
    private static final long FIRST_PAUSE_MS = 10;
    private static final long MAX_PAUSE_MS = 200;

    private AdvisoryLock() {
    }

    /**
     * Takes the lock or throws {@link MigrationException} naming the holder after {@code timeout}; {@code onWait}
     * hears the holder once, when the first attempt finds the lock taken.
     */
    static void acquire(Connection c, String module, Duration timeout, Consumer<String> onWait) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MS;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(" + KEY + ")")) {
            ps.setString(1, module);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
                if (pause == FIRST_PAUSE_MS) {
                    onWait.accept(holder(c, module, false));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new MigrationException("[" + module + "] could not take the migration lock of module '"
                            + module + "' within " + timeout.toMillis() + " ms: " + holder(c, module, true)
                            + ". Another runner is migrating this module; wait for it, raise "
                            + "MigrationManager.Builder.lockWaitTimeout, or end a stuck session with "
                            + "SELECT pg_terminate_backend(<pid>).", module, null, null, null, null, null);
                }
                try {
                    Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MigrationException("[" + module + "] interrupted while waiting for the migration lock",
                            module, null, null, null, null, e);
                }
                pause = Math.min(MAX_PAUSE_MS, pause * 2);
            }
        }
    }

    /** Releases the lock; {@code false} when the server said it was not held or the call failed. */
    static boolean release(Connection c, String module) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(" + KEY + ")")) {
            ps.setString(1, module);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Who holds the lock, from {@code pg_locks}: a bigint advisory key is stored split into {@code classid}
     * (high 32 bits) and {@code objid} (low 32 bits) with {@code objsubid = 1}.
     */
    static String holder(Connection c, String module, boolean detailed) throws SQLException {
        String sql = "SELECT a.pid, a.application_name, a.usename, a.client_addr, a.backend_start, a.state,"
                + " a.state_change FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND ((l.classid::bigint << 32) | l.objid::bigint) = " + KEY + "::bigint";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, module);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "the holder released it meanwhile or is not visible to this role";
                }
                if (!detailed) {
                    return "pid " + rs.getInt(1) + " (application '" + rs.getString(2) + "', since "
                            + rs.getObject(7) + ")";
                }
                return "held by pid " + rs.getInt(1) + " (application_name '" + rs.getString(2) + "', user "
                        + rs.getString(3) + (rs.getString(4) == null ? "" : ", client " + rs.getString(4))
                        + ", connected since " + rs.getObject(5) + ", state '" + rs.getString(6) + "' since "
                        + rs.getObject(7) + ")";
            }
        }
    }
}
