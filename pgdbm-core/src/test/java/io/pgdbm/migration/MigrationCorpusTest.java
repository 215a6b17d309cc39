package io.pgdbm.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.LogCapture;
import io.pgdbm.Row;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration sets of {@code src/test/resources/migration-corpus}, each applied with {@link MigrationManager} into a
 * fresh database: every file behaves as if it ran alone in its own transaction. {@link PsqlEquivalenceTest} compares
 * the same sets with psql.
 */
class MigrationCorpusTest {
    private static MigrationTestSupport support;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        support = new MigrationTestSupport();
    }

    @AfterAll
    static void stop() {
        support.close();
    }

    /** A copy of a corpus set (links created for {@code symlinks}), in a directory of its own. */
    static Path corpus(String set, Path into) throws IOException {
        Path source;
        try {
            source = Path.of(MigrationCorpusTest.class.getResource("/migration-corpus/" + set).toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Path target = into.resolve(set);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path copy = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                }
            }
        }
        if (set.equals("symlinks")) {
            Files.createSymbolicLink(target.resolve("002_linked.sql"), Path.of("lib", "002_target.sql"));
            Files.createSymbolicLink(target.resolve("004_dangling.sql"), Path.of("lib", "004_gone.sql"));
        }
        return target;
    }

    static MigrationResult migrate(DatabaseConfig config, Path dir) {
        try (DatabaseManager db = new DatabaseManager(config)) {
            db.connect();
            return new MigrationManager(db, dir.toString(), "corpus").applyPending();
        }
    }

    private static <T> T value(DatabaseConfig config, Class<T> type, String sql) {
        try (DatabaseManager db = new DatabaseManager(config.toBuilder().minConnections(0).maxConnections(1).build())) {
            db.connect();
            return db.fetchValue(type, sql);
        }
    }

    private static List<Row> rows(DatabaseConfig config, String sql) {
        try (DatabaseManager db = new DatabaseManager(config.toBuilder().minConnections(0).maxConnections(1).build())) {
            db.connect();
            return db.fetchAll(sql);
        }
    }

    @Test
    void anEnumValueAddedInOneFileIsUsableInTheNextFromAnEmptyDatabase() throws IOException {
        DatabaseConfig config = support.newDatabase();

        MigrationResult result = migrate(config, corpus("enum_add_then_use", tmp));

        assertThat(result.appliedFilenames()).containsExactly("001_mood.sql", "002_add_happy.sql", "003_use_happy.sql",
                "004_index.sql");
        assertThat(value(config, String.class, "SELECT m::text FROM people WHERE name = 'ada'"))
                .isEqualTo("happy");
    }

    @Test
    void anEnumValueAddedInOneFileIsUsableInTheNextWhenOnlyTheyArePending() throws IOException {
        DatabaseConfig config = support.newDatabase();
        Path all = corpus("enum_add_then_use", tmp);
        Path growing = Files.createDirectories(tmp.resolve("growing"));
        Files.copy(all.resolve("001_mood.sql"), growing.resolve("001_mood.sql"));
        migrate(config, growing);
        for (String f : List.of("002_add_happy.sql", "003_use_happy.sql", "004_index.sql")) {
            Files.copy(all.resolve(f), growing.resolve(f));
        }

        MigrationResult result = migrate(config, growing);

        assertThat(result.appliedFilenames()).containsExactly("002_add_happy.sql", "003_use_happy.sql", "004_index.sql");
        assertThat(value(config, String.class, "SELECT m::text FROM feelings WHERE id = 1"))
                .isEqualTo("happy");
    }

    @Test
    void setLocalEndsWithItsFile() throws IOException {
        DatabaseConfig config = support.newDatabase();

        MigrationResult result = migrate(config, corpus("set_local", tmp));

        assertThat(result.appliedFilenames()).containsExactly("001_local_settings.sql", "002_needs_defaults.sql");
        assertThat(value(config, Long.class, "SELECT count(*) FROM public.second")).isEqualTo(1L);
    }

    @Test
    void aFileEmptyingTheSearchPathBreaksNeitherTheHistoryNorTheNextFileAndTheSessionKeepsItsName() throws IOException {
        DatabaseConfig config = support.newDatabase().toBuilder().minConnections(1).maxConnections(1)
                .applicationName("corpus_app").build();
        Path dir = corpus("search_path_reset", tmp);
        try (DatabaseManager db = new DatabaseManager(config)) {
            db.connect();
            String pid = db.fetchValue(String.class, "SELECT pg_backend_pid()::text");
            String searchPath = db.fetchValue(String.class, "SHOW search_path");

            MigrationResult result = new MigrationManager(db, dir.toString(), "corpus").applyPending();

            assertThat(result.appliedFilenames()).containsExactly("001_dumped.sql", "002_plain.sql");
            assertThat(db.fetchValue(String.class, "SELECT pg_backend_pid()::text")).isEqualTo(pid);
            assertThat(db.fetchValue(String.class, "SHOW application_name")).isEqualTo("corpus_app");
            assertThat(db.fetchValue(String.class, "SHOW search_path")).isEqualTo(searchPath);
            assertThat(db.fetchValue(String.class, "SHOW check_function_bodies")).isEqualTo("on");
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND pid = pg_backend_pid()")).as("the migration lock is released").isZero();
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM public.schema_migrations")).isEqualTo(2L);
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM public.plain")).isEqualTo(1L);
        }
    }

    @Test
    void eachFileHasItsOwnTransactionClockAndHistoryRow() throws IOException {
        DatabaseConfig config = support.newDatabase();

        migrate(config, corpus("per_file_clock", tmp));

        List<Row> stamps = rows(config, ("SELECT tx_time, tx_id::text AS tx_id FROM stamps ORDER BY file"));
        assertThat(stamps).extracting(r -> r.get("tx_time")).doesNotHaveDuplicates();
        assertThat(stamps).extracting(r -> r.get("tx_id")).doesNotHaveDuplicates();
        List<Row> history = rows(config, (
                "SELECT applied_at, execution_time_ms FROM public.schema_migrations ORDER BY id"));
        assertThat(history).hasSize(3);
        assertThat(history).extracting(r -> r.get("applied_at")).doesNotHaveDuplicates();
        assertThat(history.get(1).get("execution_time_ms", Long.class)).isGreaterThanOrEqualTo(10L);
    }

    @Test
    void beginAtomicBodiesApplyInTransactionalAndNoTransactionFiles() throws IOException {
        DatabaseConfig config = support.newDatabase();

        MigrationResult result = migrate(config, corpus("begin_atomic", tmp));

        assertThat(result.appliedFilenames()).containsExactly("001_functions.sql", "002_no_transaction.sql");
        assertThat(rows(config, ("SELECT total FROM after_functions ORDER BY total")))
                .extracting(r -> r.get("total", Long.class)).containsExactly(10L, 42L);
        assertThat(value(config, Long.class, "SELECT total_price()")).isEqualTo(10L);
    }

    @Test
    void aFileWrappedInItsOwnBeginAndCommitApplies() throws IOException {
        DatabaseConfig config = support.newDatabase();

        MigrationResult result = migrate(config, corpus("own_commit", tmp));

        assertThat(result.appliedFilenames()).containsExactly("001_wrapped.sql", "002_after.sql");
        assertThat(value(config, Long.class, "SELECT count(*) FROM public.schema_migrations"))
                .isEqualTo(2L);
    }

    @Test
    void aFailureAfterTheFilesOwnCommitSaysWhatTheCommitKept() throws IOException {
        DatabaseConfig config = support.newDatabase();

        MigrationException e = catchThrowableOfType(MigrationException.class,
                () -> migrate(config, corpus("own_commit_failure", tmp)));

        assertThat(e.file()).isEqualTo("002_commit_then_fail.sql");
        assertThat(e.statementNumber()).isEqualTo(5);
        assertThat(e.sqlState()).contains("22012");
        assertThat(e).hasMessageContaining("failed at statement 5 of 5 (line 5): SELECT 1 / 0;")
                .hasMessageContaining("Statements 1..3 were committed by the file's own COMMIT (statement 3) and stay "
                        + "applied; statement 4 was rolled back")
                .hasMessageContaining("no history row was written");
        assertThat(e.partialResult().appliedFilenames()).containsExactly("001_first.sql");
        List<String> tables = rows(config, ("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                + " ORDER BY 1")).stream().map(r -> r.getString("tablename")).toList();
        assertThat(tables).containsExactly("first", "kept", "schema_migrations");
    }

    @Test
    void filesAreReadWithUniversalNewlinesBeforeTheChecksumAndTheServer() throws IOException {
        DatabaseConfig config = support.newDatabase();
        Path dir = corpus("line_endings", tmp);
        assertThat(Files.readString(dir.resolve("001_crlf.sql"))).contains("\r\n");
        assertThat(Files.readString(dir.resolve("002_cr.sql"))).contains("\r").doesNotContain("\n");

        migrate(config, dir);

        assertThat(rows(config, ("SELECT body FROM notes ORDER BY id")))
                .extracting(r -> r.getString("body")).containsExactly("two\nlines", "lone\nreturn");
        for (Migration m : MigrationManager.discover(dir.toString())) {
            String asPythonReadsIt = Files.readString(dir.resolve(m.filename())).replace("\r\n", "\n").replace('\r', '\n');
            assertThat(m.content()).isEqualTo(asPythonReadsIt);
            assertThat(m.checksum()).isEqualTo(MigrationManager.checksum(asPythonReadsIt));
        }
        assertThat(rows(config, ("SELECT checksum FROM public.schema_migrations ORDER BY id")))
                .extracting(r -> r.getString("checksum"))
                .containsExactlyElementsOf(MigrationManager.discover(dir.toString()).stream().map(Migration::checksum).toList());
    }

    @Test
    void aSymlinkIsRecordedUnderItsTargetsNameAndADanglingOneIsSkippedWithAWarning() throws IOException {
        DatabaseConfig config = support.newDatabase();
        Path dir = corpus("symlinks", tmp);

        MigrationResult result;
        try (LogCapture logs = LogCapture.start()) {
            result = migrate(config, dir);
            assertThat(logs.text()).contains("004_dangling.sql is a symbolic link to lib/004_gone.sql, which does not "
                    + "exist; it is skipped");
        }

        assertThat(result.appliedFilenames()).containsExactly("001_first.sql", "002_target.sql", "003_last.sql");
        assertThat(value(config, Boolean.class, "SELECT to_regclass('public.linked_target') IS NOT NULL")).isTrue();
    }
}
