package io.pgdbm.benchmarks.b8;

import io.pgdbm.junit.PgdbmExtension;
import io.pgdbm.junit.TemplatePreparer;
import javax.sql.DataSource;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * B8 on pgdbm-junit with the template built by Flyway from zonky's files ({@code TemplatePreparer.flyway}): the same
 * 200 tests, each with a fresh clone, for a project that keeps its Flyway migrations.
 *
 * <pre>
 * java -cp ... -Dpgdbm.b8.flyway=/tmp/b8-flyway io.pgdbm.benchmarks.b8.SuiteChild io.pgdbm.benchmarks.b8.PgdbmFlywaySuite 1
 * </pre>
 */
public class PgdbmFlywaySuite {
    @RegisterExtension
    final PgdbmExtension pgdbm = PgdbmExtension.builder() // an instance field: a database per test
            .preparer(TemplatePreparer.flyway("filesystem:" + System.getProperty("pgdbm.b8.flyway"))).build();

    @RepeatedTest(200)
    void placesAnOrder(DataSource dataSource, RepetitionInfo repetition) throws Exception {
        Workload.run(dataSource, "test-" + repetition.getCurrentRepetition());
    }
}
