package io.pgdbm.examples.sharedpool;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import io.pgdbm.examples.RecordingLogger;
import io.pgdbm.junit.PgdbmTest;
import io.pgdbm.junit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

@PgdbmTest
class PoolHealthMonitorTest {

    private static List<Connection> hold(DatabaseManager db, int n) {
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            held.add(db.acquire());
        }
        return held;
    }

    private static void release(List<Connection> held) throws SQLException {
        for (Connection c : held) {
            c.close();
        }
    }

    @Test
    void warnsWhenMoreThan80PercentOfTheMaximumIsInUse(TestDatabase db) throws SQLException {
        try (SharedPool pool = SharedPool.create(db.config().toBuilder().minConnections(0).maxConnections(5).build())) {
            RecordingLogger log = new RecordingLogger("monitor");
            PoolHealthMonitor monitor = new PoolHealthMonitor(pool, log);
            List<Connection> held = hold(new DatabaseManager(pool, "public"), 5);
            try {
                PoolHealthMonitor.PoolHealth health = monitor.check();

                assertThat(health.activeConnections()).isEqualTo(5);
                assertThat(health.usagePercent()).isEqualTo(100.0);
                assertThat(health.isHigh()).isTrue();
                assertThat(log.at(Level.WARN)).singleElement().asString()
                        .contains("High pool usage: 100% (5 of 5 connections in use, 0 waiting)")
                        .startsWith("[" + pool.name() + "]");
            } finally {
                release(held);
            }
        }
    }

    @Test
    void staysQuietAtExactly80Percent(TestDatabase db) throws SQLException {
        try (SharedPool pool = SharedPool.create(db.config().toBuilder().minConnections(0).maxConnections(5).build())) {
            RecordingLogger log = new RecordingLogger("monitor");
            List<Connection> held = hold(new DatabaseManager(pool, "public"), 4);
            try {
                PoolHealthMonitor.PoolHealth health = new PoolHealthMonitor(pool, log).check();

                assertThat(health.usagePercent()).isEqualTo(80.0);
                assertThat(health.isHigh()).isFalse();
                assertThat(log.lines()).isEmpty();
            } finally {
                release(held);
            }
            assertThat(new PoolHealthMonitor(pool, log).check().activeConnections()).isZero();
        }
    }
}
