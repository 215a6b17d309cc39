package io.pgdbm.benchmarks.b8;

import io.pgdbm.junit.PgdbmTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * B8 on pgdbm-junit: 200 tests, each with a fresh database migrated with the B8 files (DATABASE isolation, the
 * default). The migrations come from the suite's {@code pgdbm.test.migrations} parameter, as a project would set it
 * in {@code junit-platform.properties}.
 *
 * <pre>
 * java -cp ... io.pgdbm.benchmarks.b8.SuiteChild io.pgdbm.benchmarks.b8.PgdbmSuite 1 pgdbm.test.migrations=classpath:b8/migrations
 * </pre>
 */
@PgdbmTest
public class PgdbmSuite {
    @RepeatedTest(200)
    void placesAnOrder(DataSource dataSource, RepetitionInfo repetition) throws Exception {
        Workload.run(dataSource, "test-" + repetition.getCurrentRepetition());
    }
}
