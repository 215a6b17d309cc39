package io.pgdbm.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The suite a test JVM of {@link ConnectionBudgetTest} runs: 200 tests, each with a fresh migrated database, run in
 * parallel. Records how long each test waited for its database (from its {@code @BeforeEach} to its body).
 */
@PgdbmTest(migrations = "classpath:db/notes")
@Execution(ExecutionMode.CONCURRENT)
class SharedServerSuite {
    /** How long each test waited for its database, in milliseconds, in the order the tests got them. */
    static final Queue<Long> WAITS_MS = new ConcurrentLinkedQueue<>();
    private long start;

    @BeforeEach
    void start() {
        start = System.nanoTime();
    }

    @RepeatedTest(200)
    void eachTestWritesToItsOwnDatabase(DatabaseManager db) {
        WAITS_MS.add((System.nanoTime() - start) / 1_000_000);
        db.execute("INSERT INTO {{tables.notes}} (body) VALUES ($1)", "mine");
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.notes}}")).isEqualTo(1L);
    }
}
