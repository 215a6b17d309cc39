package io.pgdbm.benchmarks;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.PgdbmExtension;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * B9's test class: one test on its own database migrated with the B9 files. Notes when JUnit starts the class (before
 * pgdbm's extension does anything for it) and when the test body starts, both from the JVM's start.
 */
public class StartupFixture {
    static volatile long classStartMillis = -1;
    static volatile long firstBodyMillis = -1;

    @RegisterExtension
    static final BeforeAllCallback CLASS_START = context -> classStartMillis = sinceJvmStart();

    @RegisterExtension
    final PgdbmExtension pgdbm = PgdbmExtension.builder()
            .module("b9", System.getProperty("pgdbm.b9.migrations"), null)
            .build();

    @Test
    void firstTest(DatabaseManager db) {
        firstBodyMillis = sinceJvmStart();
        if (db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.t1}}") != 0) {
            throw new AssertionError("the test database is not empty");
        }
    }

    /** From the JVM's start, as the JVM recorded it, to now. */
    static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }
}
