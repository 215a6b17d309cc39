package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SharedPoolTest {
    private static TestDatabase database;
    private static DatabaseConfig config;
    private static SharedPool pool;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("shared");
        config = database.config();
        pool = SharedPool.create(config.toBuilder().maxConnections(6).build());
    }

    @AfterAll
    static void stop() {
        pool.close();
        database.close();
    }

    private static DatabaseManager managerIn(String schema) {
        DatabaseManager db = new DatabaseManager(pool, schema);
        db.execute("CREATE SCHEMA IF NOT EXISTS {{schema}}");
        return db;
    }

    @Test
    void adviceToShareOnePoolIsGivenOncePerDatabase() {
        try (TestDatabase other = TestDatabase.create("advice"); LogCapture logs = LogCapture.start()) {
            DatabaseConfig small = other.config().toBuilder().minConnections(0).maxConnections(1).build();
            List<SharedPool> pools = List.of(SharedPool.create(small), SharedPool.create(small), SharedPool.create(small));
            pools.forEach(SharedPool::close);
            assertThat(logs.text().split("pools are now open to", -1)).as(logs.text()).hasSize(2);
            assertThat(logs.text()).contains("2 pools are now open to").contains(other.name());
        }
    }

    @Test
    void managersInTwoSchemasNeverSeeEachOthersRows() {
        DatabaseManager users = managerIn("tenant_a");
        DatabaseManager others = managerIn("tenant_b");
        for (DatabaseManager db : List.of(users, others)) {
            db.execute("CREATE TABLE IF NOT EXISTS {{tables.items}} (name text)");
            db.execute("INSERT INTO {{tables.items}} (name) VALUES ($1)", db.name());
        }
        assertThat(users.fetchAll("SELECT name FROM {{tables.items}}")).extracting(r -> r.get("name")).containsExactly("tenant_a");
        assertThat(others.fetchAll("SELECT name FROM {{tables.items}}")).extracting(r -> r.get("name")).containsExactly("tenant_b");
        assertThat(users.tableExists("items")).isTrue();
    }

    @Test
    void foreignKeysWorkAcrossSchemas() {
        DatabaseManager accounts = managerIn("accounts");
        DatabaseManager orders = managerIn("orders");
        accounts.execute("CREATE TABLE IF NOT EXISTS {{tables.users}} (id int PRIMARY KEY)");
        orders.execute("CREATE TABLE IF NOT EXISTS {{tables.orders}} (id serial PRIMARY KEY, "
                + "user_id int NOT NULL REFERENCES {{tables.accounts.users}} (id))");
        accounts.execute("INSERT INTO {{tables.users}} VALUES (1) ON CONFLICT DO NOTHING");
        orders.execute("INSERT INTO {{tables.orders}} (user_id) VALUES (1)");
        assertThatThrownBy(() -> orders.execute("INSERT INTO {{tables.orders}} (user_id) VALUES (99)"))
                .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).contains("23503"));
    }

    @Test
    void borrowingManagerNeitherConnectsNorClosesThePool() {
        DatabaseManager db = new DatabaseManager(pool);
        assertThat(db.schema()).contains("public");
        assertThat(db.ownsPool()).isFalse();
        assertThatThrownBy(db::connect).isInstanceOf(PoolException.class).hasMessageContaining("borrows a SharedPool");
        db.close();
        assertThat(pool.isClosed()).isFalse();
        assertThat(db.fetchValue(Integer.class, "SELECT 1")).isEqualTo(1);
        assertThat(db.prepareQuery("{{tables.users}}")).isEqualTo("\"public\".users");
    }

    @Test
    void borrowingManagerRejectsHostileSchemaNames() {
        for (String bad : List.of("public\"; DROP TABLE users; --", "public' OR '1'='1", "public; DELETE", "public/*c*/",
                "public-- c", "123_invalid_start", "contains-hyphen", "contains space", "x".repeat(64))) {
            assertThatThrownBy(() -> new DatabaseManager(pool, bad)).isInstanceOf(SchemaException.class)
                    .hasMessageContaining("Invalid schema name");
        }
    }

    @Test
    void statsReportThePool() {
        PoolStats stats = pool.stats();
        assertThat(stats.max()).isEqualTo(6);
        assertThat(stats.poolName()).startsWith("pgdbm-");
        assertThat(stats.total()).isGreaterThanOrEqualTo(stats.active() + stats.idle() - 1);
    }

    @Test
    void closedOwnedManagerFailsClearlyAndCanReconnect() {
        DatabaseManager db = new DatabaseManager(config.toBuilder().minConnections(0).maxConnections(2).build());
        assertThatThrownBy(() -> db.fetchValue("SELECT 1")).isInstanceOf(PoolException.class).hasMessageContaining("connect()");
        db.connect();
        db.connect();
        assertThat(db.fetchValue(Integer.class, "SELECT 1")).isEqualTo(1);
        db.close();
        db.close();
        assertThatThrownBy(() -> db.fetchValue("SELECT 1")).isInstanceOf(PoolException.class);
        db.connect();
        assertThat(db.isConnected()).isTrue();
        db.close();
    }

    @Test
    void exhaustedPoolReportsItsNumbersAndTheSettingToChange() throws Exception {
        try (SharedPool tiny = SharedPool.create(config.toBuilder().minConnections(0).maxConnections(1)
                .connectionTimeout(java.time.Duration.ofMillis(300)).build())) {
            DatabaseManager db = new DatabaseManager(tiny);
            try (var held = db.acquire()) {
                assertThatThrownBy(() -> db.fetchValue("SELECT 1")).isInstanceOf(PoolException.class)
                        .hasMessageContaining("active=1").hasMessageContaining("maxConnections");
            }
        }
    }

    @Test
    void closeIsIdempotentAndAtomicUnderConcurrentCalls() throws Exception {
        DatabaseConfig small = config.toBuilder().minConnections(1).maxConnections(2).build();
        int before = io.pgdbm.internal.PoolFactory.openPools(small);
        SharedPool racing = SharedPool.create(small);
        assertThat(io.pgdbm.internal.PoolFactory.openPools(small)).isEqualTo(before + 1);
        int threads = 8;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> closes = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                closes.add(executor.submit(() -> {
                    start.await();
                    racing.close();
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : closes) {
                f.get();
            }
        } finally {
            executor.shutdownNow();
        }
        racing.close();
        assertThat(racing.isClosed()).isTrue();
        // closed exactly once: the JVM-wide count of open pools went down by one, not by eight
        assertThat(io.pgdbm.internal.PoolFactory.openPools(small)).isEqualTo(before);
        assertThatThrownBy(() -> new DatabaseManager(racing).fetchValue("SELECT 1")).isInstanceOf(PoolException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void evictClosesThePhysicalConnectionInsteadOfReturningIt() throws Exception {
        try (SharedPool one = SharedPool.create(config.toBuilder().minConnections(0).maxConnections(1)
                .leakDetectionThreshold(java.time.Duration.ofMinutes(5)).build())) {
            DatabaseManager db = new DatabaseManager(one);
            int evicted;
            try (java.sql.Connection c = db.acquire()) {
                evicted = backendPid(c);
                try (var st = c.createStatement()) {
                    st.execute("SET statement_timeout = '1234ms'");
                }
                db.evict(c);
            }
            try (java.sql.Connection c = db.acquire()) {
                assertThat(backendPid(c)).isNotEqualTo(evicted);
            }
            assertThat(db.fetchValue(String.class, "SHOW statement_timeout")).isNotEqualTo("1234ms");
            assertThat(one.stats().active()).isZero();
        }
    }

    private static int backendPid(java.sql.Connection c) throws java.sql.SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
