package io.pgdbm.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a {@link MigrationListener} hears, and when; and the refusal of files that hold only comments. */
class MigrationListenerTest {
    private static MigrationTestSupport support;
    private static SharedPool pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDatabase() {
        support = new MigrationTestSupport();
        pool = support.newPool();
    }

    @AfterAll
    static void dropDatabase() {
        support.close();
    }

    @Test
    void reportsEachFileCommittedBeforeTheNextRuns() throws Exception {
        Files.writeString(dir.resolve("001_a.sql"), "CREATE TABLE {{tables.a}} (id int);");
        Files.writeString(dir.resolve("002_b.sql"), "CREATE TABLE {{tables.b}} (id int);");
        DatabaseManager db = new DatabaseManager(pool, "listened");
        DatabaseManager observer = new DatabaseManager(pool, "listened");
        List<String> heard = new CopyOnWriteArrayList<>();
        MigrationManager migrations = MigrationManager.builder(db, dir.toString()).moduleName("listened")
                .listener(new MigrationListener() {
                    @Override
                    public void fileApplied(String module, MigrationResult.AppliedFile file) {
                        // seen from another session: this file and its row are committed, the next file has not run
                        heard.add(module + ":" + file.filename() + ":rows=" + observer.fetchValue(Long.class,
                                "SELECT count(*) FROM {{tables.schema_migrations}}") + ":b=" + observer.tableExists("b"));
                    }
                })
                .build();

        migrations.applyPending();

        assertThat(heard).containsExactly("listened:001_a.sql:rows=1:b=false", "listened:002_b.sql:rows=2:b=true");
    }

    @Test
    void waitingForAnotherRunnersLockIsHeardOnceWithTheHolder() throws Exception {
        Files.writeString(dir.resolve("001_a.sql"), "CREATE TABLE {{tables.a}} (id int);");
        DatabaseManager db = new DatabaseManager(pool, "waiting");
        List<String> waits = new CopyOnWriteArrayList<>();
        MigrationManager migrations = MigrationManager.builder(db, dir.toString()).moduleName("waiting")
                .listener(new MigrationListener() {
                    @Override
                    public void waitingForLock(String module, String holder) {
                        waits.add(module + " " + holder);
                    }
                })
                .build();
        try (Connection holder = db.acquire(); Statement st = holder.createStatement()) {
            st.execute("SET application_name = 'other-runner'");
            st.execute("SELECT pg_advisory_lock(hashtext('pgdbm_migration_waiting'))");
            int pid = holder.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            CompletableFuture<MigrationResult> run = CompletableFuture.supplyAsync(migrations::applyPending);

            await().atMost(Duration.ofSeconds(30)).until(() -> !waits.isEmpty());
            st.execute("SELECT pg_advisory_unlock(hashtext('pgdbm_migration_waiting'))");

            assertThat(run.get(30, TimeUnit.SECONDS).status()).isEqualTo(MigrationResult.Status.SUCCESS);
            assertThat(waits).hasSize(1);
            assertThat(waits.get(0)).startsWith("waiting pid " + pid + " (application 'other-runner', since ");
        }
    }

    @Test
    void aFileWithOnlyCommentsIsRefusedAndNotRecorded() throws Exception {
        Files.writeString(dir.resolve("001_todo.sql"), "-- Migration: todo\n/* write it */\n;\n");
        DatabaseManager db = new DatabaseManager(pool, "comments");
        MigrationManager migrations = new MigrationManager(db, dir.toString(), "comments");

        assertThatThrownBy(migrations::applyPending).isInstanceOf(MigrationException.class)
                .hasMessageContaining("'001_todo.sql' holds only comments").hasMessageContaining("write its SQL");
        assertThat(migrations.applied()).isEmpty();
    }
}
