package io.pgdbm.benchmarks;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.PgdbmExtension;
import io.pgdbm.junit.TestDatabase;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** B7's suite: 200 tests, each writing to and reading from its own database migrated with the B7 files. */
public class SuiteFixture {
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger MAX = new AtomicInteger();

    @RegisterExtension
    final PgdbmExtension pgdbm = PgdbmExtension.builder()
            .module("b7", System.getProperty("pgdbm.b7.migrations"), null)
            .build();

    static int maxConcurrent() {
        return MAX.get();
    }

    @RepeatedTest(200)
    void ownsItsDatabase(DatabaseManager db, TestDatabase database) {
        MAX.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
        try {
            db.execute("INSERT INTO {{tables.t1}} (name) VALUES ($1)", database.name());
            Long rows = db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.t20}} WHERE name IS NOT NULL");
            if (db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.t1}}") != 1 || rows != 0) {
                throw new AssertionError("saw another test's rows in " + database.name());
            }
        } finally {
            RUNNING.decrementAndGet();
        }
    }
}
