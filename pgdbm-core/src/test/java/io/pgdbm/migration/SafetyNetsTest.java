package io.pgdbm.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baseline, out-of-order detection and target versions, against a real server. */
class SafetyNetsTest {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static MigrationTestSupport support;
    private static SharedPool pool;

    @TempDir
    Path dir;
    private DatabaseManager db;

    @BeforeAll
    static void startDatabase() {
        support = new MigrationTestSupport();
        pool = support.newPool();
    }

    @AfterAll
    static void dropDatabase() {
        support.close();
    }

    @BeforeEach
    void freshSchema() {
        db = new DatabaseManager(pool, "nets" + SCHEMAS.incrementAndGet());
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private MigrationManager.Builder builder() {
        return MigrationManager.builder(db, dir.toString()).moduleName("shop");
    }

    private List<String> recorded() {
        return db.fetchAll(String.class, "SELECT filename FROM {{tables.schema_migrations}} ORDER BY filename");
    }

    private void writeFourFiles() throws IOException {
        write("001_users.sql", "CREATE TABLE {{tables.users}} (id int PRIMARY KEY);");
        write("002_orders.sql", "CREATE TABLE {{tables.orders}} (id int PRIMARY KEY, user_id int REFERENCES {{tables.users}});");
        write("003_index.sql", "CREATE INDEX orders_user ON {{tables.orders}} (user_id);");
        write("004_notes.sql", "CREATE TABLE {{tables.notes}} (id int);");
    }

    @Test
    void baselineRecordsFilesUpToTheVersionWithoutRunningThem() throws IOException {
        writeFourFiles();
        // a database built by other means: what 001 and 002 create is already there
        db.execute("CREATE SCHEMA " + db.schema().orElseThrow());
        db.execute("CREATE TABLE {{tables.users}} (id int PRIMARY KEY)");
        db.execute("CREATE TABLE {{tables.orders}} (id int PRIMARY KEY, user_id int REFERENCES {{tables.users}})");

        MigrationResult adopted = builder().build().baseline("2");
        MigrationResult rest = builder().build().applyPending();

        assertThat(adopted.status()).isEqualTo(MigrationResult.Status.BASELINED);
        assertThat(adopted.appliedFilenames()).containsExactly("001_users.sql", "002_orders.sql");
        assertThat(adopted.applied()).allSatisfy(f -> assertThat(f.executionTime()).isEqualTo(Duration.ZERO));
        assertThat(rest.appliedFilenames()).containsExactly("003_index.sql", "004_notes.sql");
        assertThat(recorded()).containsExactly("001_users.sql", "002_orders.sql", "003_index.sql", "004_notes.sql");
        assertThat(builder().build().applied()).filteredOn(a -> a.filename().startsWith("00"))
                .extracting(AppliedMigration::checksum)
                .containsExactlyElementsOf(MigrationManager.discover(dir.toString()).stream().map(Migration::checksum).toList());
    }

    @Test
    void baselineIsRefusedWhenTheHistoryHasRows() throws IOException {
        writeFourFiles();
        builder().target("1").build().applyPending();

        assertThatThrownBy(() -> builder().build().baseline("3"))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("Cannot baseline at version 3")
                .hasMessageContaining("already has 1 row(s)")
                .hasMessageContaining("applyPending()");
        assertThat(recorded()).containsExactly("001_users.sql");
    }

    @Test
    void baselineNeedsAFileOfThatVersion() throws IOException {
        writeFourFiles();
        assertThatThrownBy(() -> builder().build().baseline("40"))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("No migration file with baseline version 40")
                .hasMessageContaining("versions: 1, 2, 3, 4");
        assertThat(builder().build().applied()).isEmpty();
    }

    @Test
    void aPendingFileBelowTheHighestAppliedIsRefusedNamingBoth() throws IOException {
        write("001_users.sql", "CREATE TABLE {{tables.users}} (id int);");
        write("003_orders.sql", "CREATE TABLE {{tables.orders}} (id int);");
        builder().build().applyPending();
        write("002_merged_from_a_branch.sql", "CREATE TABLE {{tables.late}} (id int);");

        for (Runnable call : List.<Runnable>of(() -> builder().build().applyPending(), () -> builder().build().plan(),
                () -> builder().build().validate())) {
            assertThatThrownBy(call::run)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("002_merged_from_a_branch.sql (version 2) is pending")
                    .hasMessageContaining("003_orders.sql (version 3) is already applied")
                    .hasMessageContaining("outOfOrder(true)")
                    .satisfies(e -> assertThat(((MigrationException) e).file()).isEqualTo("002_merged_from_a_branch.sql"));
        }
        assertThat(db.tableExists("late")).isFalse();
    }

    @Test
    void outOfOrderTrueAppliesTheLateFile() throws IOException {
        write("001_users.sql", "CREATE TABLE {{tables.users}} (id int);");
        write("003_orders.sql", "CREATE TABLE {{tables.orders}} (id int);");
        builder().build().applyPending();
        write("002_merged_from_a_branch.sql", "CREATE TABLE {{tables.late}} (id int);");

        MigrationResult result = builder().outOfOrder(true).build().applyPending();

        assertThat(result.appliedFilenames()).containsExactly("002_merged_from_a_branch.sql");
        assertThat(db.tableExists("late")).isTrue();
    }

    @Test
    void filesOfOtherModulesAndLegacyRowsDoNotCountAsApplied() throws IOException {
        write("001_users.sql", "CREATE TABLE {{tables.users}} (id int);");
        MigrationManager other = MigrationManager.builder(db, dir.toString()).moduleName("other").build();
        other.ensureMigrationsTable();
        db.execute("INSERT INTO {{tables.schema_migrations}} (filename, checksum, module_name) VALUES ('009_x.sql', 'c', 'other'), ('007_legacy.sql', 'c', NULL)");

        assertThat(builder().build().applyPending().appliedFilenames()).containsExactly("001_users.sql");
    }

    @Test
    void targetAppliesUpToAndIncludingItsVersion() throws IOException {
        writeFourFiles();
        write("seed.sql", "SELECT 1;");

        MigrationResult plan = builder().target("2").build().plan();
        MigrationResult first = builder().target("2").build().applyPending();
        MigrationResult again = builder().target("2").build().applyPending();
        MigrationResult rest = builder().build().applyPending();

        assertThat(plan.pending()).containsExactly("001_users.sql", "002_orders.sql");
        assertThat(first.appliedFilenames()).containsExactly("001_users.sql", "002_orders.sql");
        assertThat(again.status()).isEqualTo(MigrationResult.Status.UP_TO_DATE);
        assertThat(rest.appliedFilenames()).containsExactly("003_index.sql", "004_notes.sql", "seed.sql");
    }

    @Test
    void aTargetThatNamesNoFileIsAnErrorBeforeAnythingRuns() throws IOException {
        writeFourFiles();
        assertThatThrownBy(() -> builder().target("5").build().applyPending())
                .isInstanceOf(MigrationException.class).hasMessageContaining("target version 5");
        assertThatThrownBy(() -> builder().target("next").build())
                .isInstanceOf(MigrationException.class).hasMessageContaining("'next'");
        assertThat(builder().build().applied()).isEmpty();
    }
}
