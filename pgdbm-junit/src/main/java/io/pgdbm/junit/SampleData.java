package io.pgdbm.junit;

import io.pgdbm.DatabaseManager;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import java.util.Objects;

/**
 * The sample {@code users}/{@code projects}/{@code agents} schema and data of pgdbm's test fixtures, ready to use:
 *
 * <pre>{@code
 * @PgdbmTest(migrations = SampleData.MIGRATIONS)
 * class ReportTest {
 *     @Test
 *     void countsOpenAgents(DatabaseManager db) {
 *         SampleData.load(db);   // alice, bob, charlie; Project Alpha and Beta; five agents
 *         assertThat(TestData.countRows(db, "agents", "status <> 'completed'")).isEqualTo(4);
 *     }
 * }
 * }</pre>
 *
 * <p>Tables are created in the manager's schema ({@code {{tables.x}}}). Thread-safe.
 */
public final class SampleData {
    /** The migrations creating the three tables, for {@link PgdbmTest#migrations()}. */
    public static final String MIGRATIONS = "classpath:pgdbm/sample/migrations";
    /** The data fixture {@link #load} inserts. */
    public static final String DATA = "classpath:pgdbm/sample/data.sql";

    private SampleData() {
    }

    /** Creates the three tables in {@code db}'s schema (module {@code pgdbm_sample}); nothing when they exist. */
    public static MigrationResult createTables(DatabaseManager db) {
        Objects.requireNonNull(db, "db");
        return new MigrationManager(db, MIGRATIONS, "pgdbm_sample").applyPending();
    }

    /** Inserts the sample rows: 3 users, 2 projects owned by alice, 5 agents. The tables must exist. */
    public static void load(DatabaseManager db) {
        TestData.loadFixtures(db, DATA);
    }
}
