package io.pgdbm.benchmarks;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.PgdbmExtension;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** B9's test class: one test on its own database migrated with the B9 files; notes when its body starts. */
public class StartupFixture {
    static volatile long firstBodyMillis = -1;

    @RegisterExtension
    final PgdbmExtension pgdbm = PgdbmExtension.builder()
            .module("b9", System.getProperty("pgdbm.b9.migrations"), null)
            .build();

    @Test
    void firstTest(DatabaseManager db) {
        // from the JVM's start (as the JVM recorded it) to this line
        firstBodyMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        if (db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.t1}}") != 0) {
            throw new AssertionError("the test database is not empty");
        }
    }
}
