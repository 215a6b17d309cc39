package io.pgdbm.migration;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.SharedPool;
import io.pgdbm.TestDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * Test databases on the test server of {@link TestDatabase}: each {@link #newDatabase()} is a uniquely named {@code pgdbm_mig_*} database dropped by {@link #close()}.
 */
final class MigrationTestSupport implements AutoCloseable {
    private final List<TestDatabase> databases = new ArrayList<>();
    private final List<SharedPool> pools = new ArrayList<>();

    /** Creates a fresh database and returns its config. */
    DatabaseConfig newDatabase() {
        TestDatabase database = TestDatabase.create("mig");
        databases.add(database);
        return database.config().toBuilder().maxConnections(12).minConnections(1).build();
    }

    /** A pool on a fresh database, closed with this support. */
    SharedPool newPool() {
        SharedPool pool = SharedPool.create(newDatabase());
        pools.add(pool);
        return pool;
    }

    /** Runs SQL on a connection of its own (not from a pool) to {@code config}'s database. */
    static void execute(DatabaseConfig config, String sql) {
        TestDatabase.execute(config, sql);
    }

    @Override
    public void close() {
        pools.forEach(SharedPool::close);
        databases.forEach(TestDatabase::close);
    }
}
