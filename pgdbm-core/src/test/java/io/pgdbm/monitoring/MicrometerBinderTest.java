package io.pgdbm.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pgdbm.DatabaseManager;
import io.pgdbm.TestDatabase;
import io.pgdbm.QueryException;
import io.pgdbm.SharedPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MicrometerBinderTest {
    private static TestDatabase database;

    @BeforeAll
    static void create() {
        database = TestDatabase.create("micrometer");
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void publishesQueryCountersAndTimersTaggedWithTheManager() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SharedPool pool = SharedPool.create(database.config())) {
            DatabaseManager orders = new DatabaseManager(pool, "orders");
            QueryMonitor monitor = QueryMonitor.attach(orders);
            try (AutoCloseable meters = MicrometerBinder.bind(monitor, registry)) {
                orders.fetchValue("SELECT 1");
                orders.fetchAll("SELECT 2");
                assertThatThrownBy(() -> orders.execute("SELEC 3")).isInstanceOf(QueryException.class);

                assertThat(registry.get("pgdbm.queries").tag("manager", "orders").functionCounter().count()).isEqualTo(2.0);
                assertThat(registry.get("pgdbm.queries.failed").tag("manager", "orders").functionCounter().count()).isEqualTo(1.0);
                assertThat(registry.get("pgdbm.query.duration").tags("manager", "orders", "operation", "fetchValue",
                        "outcome", "success").timer().count()).isEqualTo(1);
                assertThat(registry.get("pgdbm.query.duration").tags("outcome", "failure").timer().count()).isEqualTo(1);
            }
            assertThat(registry.find("pgdbm.queries").meters()).isEmpty();
            assertThat(registry.find("pgdbm.query.duration").meters()).isEmpty();
        }
    }

    @Test
    void installsHikariMetricsOnARunningPool() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SharedPool pool = SharedPool.create(database.config())) {
            MicrometerBinder.bindPool(pool, registry);
            new DatabaseManager(pool).fetchValue("SELECT 1");

            assertThat(registry.get("hikaricp.connections.max").tag("pool", pool.name()).gauge().value()).isEqualTo(5.0);
            assertThat(registry.get("hikaricp.connections.usage").tag("pool", pool.name()).timer().count()).isPositive();
        }
    }
}
