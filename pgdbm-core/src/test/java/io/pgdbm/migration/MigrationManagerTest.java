package io.pgdbm.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.Row;
import io.pgdbm.SchemaException;
import io.pgdbm.SharedPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationManagerTest {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static MigrationTestSupport support;
    private static SharedPool pool;

    @TempDir
    Path dir;
    private String schema;
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
        schema = "s" + SCHEMAS.incrementAndGet();
        db = new DatabaseManager(pool, schema);
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private MigrationManager manager(String module) {
        return new MigrationManager(db, dir.toString(), module);
    }

    private List<String> historyRows() {
        return db.fetchAll("SELECT filename || ':' || coalesce(module_name, '-') AS r FROM {{tables.schema_migrations}} ORDER BY id")
                .stream().map(r -> r.getString("r")).toList();
    }

    @Test
    void appliesPendingFilesInOrderThenReportsUpToDate() throws IOException {
        write("001_users.sql", "CREATE TABLE {{tables.users}} (id serial PRIMARY KEY, email text);");
        write("002_orders.sql", "CREATE TABLE {{tables.orders}} (id serial PRIMARY KEY, user_id int REFERENCES {{tables.users}});");

        MigrationResult first = manager("shop").applyPending();
        MigrationResult second = manager("shop").applyPending();

        assertThat(first.status()).isEqualTo(MigrationResult.Status.SUCCESS);
        assertThat(first.appliedFilenames()).containsExactly("001_users.sql", "002_orders.sql");
        assertThat(first.applied()).allSatisfy(f -> assertThat(f.executionTime()).isGreaterThanOrEqualTo(Duration.ofMillis(1)));
        assertThat(first.module()).isEqualTo("shop");
        assertThat(first.schema()).isEqualTo(schema);
        assertThat(first.total()).isEqualTo(2);
        assertThat(second.status()).isEqualTo(MigrationResult.Status.UP_TO_DATE);
        assertThat(second.skipped()).containsExactly("001_users.sql", "002_orders.sql");
        assertThat(historyRows()).containsExactly("001_users.sql:shop", "002_orders.sql:shop");
        assertThat(db.tableExists("orders")).isTrue();
        assertThat(manager("shop").history(1)).extracting(AppliedMigration::filename).containsExactly("002_orders.sql");
        assertThat(manager("shop").applied()).extracting(AppliedMigration::checksum)
                .containsExactlyElementsOf(MigrationManager.discover(dir.toString()).stream().map(Migration::checksum).toList());
    }

    @Test
    void applicationNameSurvivesAMigrationRun() throws IOException {
        write("001_users.sql", "CREATE TABLE {{tables.users}} (id serial PRIMARY KEY);");
        DatabaseConfig config = support.newDatabase().toBuilder().applicationName("orders-service")
                .minConnections(1).maxConnections(1).build();
        try (DatabaseManager single = new DatabaseManager(config)) {
            single.connect();
            new MigrationManager(single, dir.toString(), "orders").applyPending();

            // the pool's only connection ran the migration and its session reset
            assertThat(single.fetchValue(String.class, "SHOW application_name")).isEqualTo("orders-service");
        }
    }

    @Test
    void createsHistoryTableWithTheOriginalLayoutInAQuotedMixedCaseSchema() {
        db = new DatabaseManager(pool, "Tenant_" + schema);
        manager("m").ensureMigrationsTable();

        List<Row> columns = db.fetchAll("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = $1 AND table_name = 'schema_migrations' ORDER BY ordinal_position", "Tenant_" + schema);
        assertThat(columns).extracting(r -> r.getString("column_name") + " " + r.getString("data_type")).containsExactly(
                "id integer", "filename character varying", "checksum character varying", "module_name character varying",
                "applied_at timestamp without time zone", "applied_by character varying", "execution_time_ms integer");
        assertThat(db.fetchAll("SELECT indexdef FROM pg_indexes WHERE schemaname = $1", "Tenant_" + schema))
                .extracting(r -> r.getString("indexdef"))
                .anySatisfy(d -> assertThat(d).contains("UNIQUE").contains("(filename, module_name)"))
                .anySatisfy(d -> assertThat(d).contains("idx_schema_migrations_module").contains("(module_name, filename)"));
    }

    @Test
    void ordersByNumericVersionSoV10FollowsV9() throws IOException {
        for (int i = 1; i <= 10; i++) {
            write("V" + i + "__step.sql", "CREATE TABLE {{tables.t" + i + "}} (id int);");
        }
        write("custom.sql", "SELECT 1;");

        assertThat(MigrationManager.discover(dir.toString())).extracting(Migration::filename).containsExactly(
                "V1__step.sql", "V2__step.sql", "V3__step.sql", "V4__step.sql", "V5__step.sql", "V6__step.sql",
                "V7__step.sql", "V8__step.sql", "V9__step.sql", "V10__step.sql", "custom.sql");
        assertThat(MigrationManager.discover(dir.toString()).get(9).version()).isEqualTo("10");
        assertThat(manager("m").applyPending().appliedFilenames()).endsWith("V9__step.sql", "V10__step.sql", "custom.sql");
    }

    @Test
    void refusesTwoFilesWithTheSameVersionNamingBoth() throws IOException {
        write("001_a.sql", "SELECT 1;");
        write("1_b.sql", "SELECT 2;");

        assertThatThrownBy(() -> manager("m").applyPending())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("001_a.sql").hasMessageContaining("1_b.sql");
    }

    @Test
    void ignoresHiddenFilesSubdirectoriesAndOtherExtensions() throws IOException {
        write("001_a.sql", "SELECT 1;");
        write(".002_hidden.sql", "SELECT broken");
        write("003_notes.txt", "not sql");
        Files.createDirectories(dir.resolve("004_dir.sql"));

        assertThat(MigrationManager.discover(dir.toString())).extracting(Migration::filename).containsExactly("001_a.sql");
    }

    @Test
    void refusesASymlinkPointingOutsideTheLocation(@TempDir Path elsewhere) throws IOException {
        Path outside = Files.writeString(elsewhere.resolve("evil.sql"), "DROP TABLE important;");
        Files.createSymbolicLink(dir.resolve("001_evil.sql"), outside);

        assertThatThrownBy(() -> MigrationManager.discover(dir.toString()))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("001_evil.sql").hasMessageContaining("outside the migrations directory");
    }

    @Test
    void appliesAFileWrappedInItsOwnBeginAndCommit() throws IOException {
        write("001_wrapped.sql", "BEGIN;\n\nCREATE TABLE {{tables.w}} (id int);\n\nCOMMIT;");

        assertThat(manager("m").applyPending().status()).isEqualTo(MigrationResult.Status.SUCCESS);
        assertThat(db.tableExists("w")).isTrue();
        assertThat(historyRows()).containsExactly("001_wrapped.sql:m");
    }

    @Test
    void manyFilesMixingPlainWrappedAndNoTransactionFilesApplyInOrder() throws IOException {
        for (int i = 1; i <= 120; i++) {
            String sql = i == 60 ? "BEGIN;\nCREATE TABLE {{tables.t60}} (id int);\nCOMMIT;"
                    : i == 61 ? "-- pgdbm:no-transaction\nCREATE INDEX CONCURRENTLY t60_id ON {{tables.t60}} (id);"
                    : "CREATE TABLE {{tables.t" + i + "}} (id int PRIMARY KEY);";
            write(String.format("%03d_f.sql", i), sql);
        }

        MigrationResult result = manager("m").applyPending();

        assertThat(result.applied()).hasSize(120);
        assertThat(result.appliedFilenames()).isSorted();
        assertThat(historyRows()).hasSize(120);
        assertThat(db.tableExists("t120")).isTrue();
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM pg_indexes WHERE schemaname = $1 AND indexname = 't60_id'",
                schema)).isEqualTo(1L);
        assertThat(manager("m").applyPending().status()).isEqualTo(MigrationResult.Status.UP_TO_DATE);
    }

    @Test
    void eachFileRecordsTheTimeTheServerSpentOnIt() throws IOException {
        write("001_quick.sql", "CREATE TABLE {{tables.quick}} (id int);");
        write("002_slow.sql", "SELECT pg_sleep(0.08);");
        write("003_quick.sql", "CREATE TABLE {{tables.quick2}} (id int); -- a trailing comment without a newline");

        MigrationResult result = manager("m").applyPending();

        Map<String, Long> recorded = new java.util.HashMap<>();
        db.fetchAll("SELECT filename, execution_time_ms FROM {{tables.schema_migrations}}")
                .forEach(r -> recorded.put(r.getString("filename"), r.get("execution_time_ms", Long.class)));
        assertThat(recorded.get("002_slow.sql")).isBetween(80L, 5_000L);
        assertThat(recorded.get("001_quick.sql")).isBetween(1L, 79L);
        assertThat(recorded.get("003_quick.sql")).isBetween(1L, 79L);
        assertThat(result.applied()).extracting(a -> a.executionTime().toMillis())
                .containsExactly(recorded.get("001_quick.sql"), recorded.get("002_slow.sql"), recorded.get("003_quick.sql"));
        assertThat(db.tableExists("quick2")).isTrue();
    }

    @Test
    void aModuleNameWithQuotesAndBackslashesIsRecordedExactly() throws IOException {
        write("001_a.sql", "CREATE TABLE {{tables.a}} (id int);");
        write("002_b.sql", "CREATE TABLE {{tables.b}} (id int);");
        String module = "o'brien\\x";

        manager(module).applyPending();

        assertThat(historyRows()).containsExactly("001_a.sql:" + module, "002_b.sql:" + module);
        assertThat(manager(module).applyPending().status()).isEqualTo(MigrationResult.Status.UP_TO_DATE);
    }

    @Test
    void settingsAMigrationChangesDoNotReachTheConnectionsNextUser() throws Exception {
        write("001_settings.sql", "SET search_path TO pg_catalog; SET work_mem = '7MB'; CREATE TEMP TABLE scratch (id int);"
                + "\nCREATE TABLE {{tables.kept}} (id int);");
        try (SharedPool single = SharedPool.create(pool.config().toBuilder().minConnections(1).maxConnections(1).build())) {
            DatabaseManager one = new DatabaseManager(single, schema);
            String pid = one.fetchValue(String.class, "SELECT pg_backend_pid()::text");
            String workMem = one.fetchValue(String.class, "SHOW work_mem");
            String timeout = one.fetchValue(String.class, "SHOW statement_timeout");

            new MigrationManager(one, dir.toString(), "m").applyPending();

            assertThat(one.fetchValue(String.class, "SELECT pg_backend_pid()::text")).as("the connection is kept").isEqualTo(pid);
            assertThat(one.fetchValue(String.class, "SHOW work_mem")).isEqualTo(workMem);
            assertThat(one.fetchValue(String.class, "SHOW statement_timeout")).isEqualTo(timeout);
            assertThat(one.fetchValue(String.class, "SHOW search_path")).doesNotStartWith("pg_catalog");
            assertThat(one.fetchValue(Boolean.class, "SELECT to_regclass('pg_temp.scratch') IS NULL")).isTrue();
            assertThat(one.fetchValue(Long.class, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"))
                    .isZero();
        }
    }

    @Test
    void aFileSwitchingRoleStillGetsItsHistoryRowWrittenByTheMigratingRole() throws IOException {
        String role = "pgdbm_owner_" + schema + "_" + ProcessHandle.current().pid();
        db.execute("CREATE ROLE " + role + " NOLOGIN");
        try {
            db.execute("CREATE SCHEMA IF NOT EXISTS {{schema}}");
            db.execute("GRANT USAGE, CREATE ON SCHEMA {{schema}} TO " + role);
            write("001_owned.sql", "SET ROLE " + role + ";\nCREATE TABLE {{tables.owned}} (id int);");
            write("002_after.sql", "CREATE TABLE {{tables.after}} (id int);");
            write("003_wrapped.sql", "BEGIN;\nSET ROLE " + role + ";\nCREATE TABLE {{tables.wrapped}} (id int);\nCOMMIT;");
            write("004_no_tx.sql", "-- pgdbm:no-transaction\nSET ROLE " + role + ";\nCREATE TABLE {{tables.no_tx}} (id int);");

            manager("m").applyPending();

            assertThat(historyRows()).containsExactly("001_owned.sql:m", "002_after.sql:m", "003_wrapped.sql:m",
                    "004_no_tx.sql:m");
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM pg_tables WHERE schemaname = $1"
                    + " AND tablename IN ('wrapped', 'no_tx') AND tableowner = $2", schema, role)).isEqualTo(2L);
            assertThat(db.fetchValue(String.class, "SELECT tableowner FROM pg_tables WHERE schemaname = $1"
                    + " AND tablename = 'owned'", schema)).isEqualTo(role);
            assertThat(db.fetchValue(String.class, "SELECT tableowner FROM pg_tables WHERE schemaname = $1"
                    + " AND tablename = 'after'", schema)).isNotEqualTo(role);
        } finally {
            db.execute("DROP OWNED BY " + role);
            db.execute("DROP ROLE " + role);
        }
    }

    @Test
    void rendersSchemaTemplatesInMigrationSql() throws IOException {
        write("001_t.sql", "CREATE TABLE {{tables.t}} (id int);\nCOMMENT ON SCHEMA {{schema}} IS 'owned by m';");

        manager("m").applyPending();

        assertThat(db.fetchValue(String.class, "SELECT obj_description($1::regnamespace)", schema)).isEqualTo("owned by m");
    }

    @Test
    void aTransactionalFileFailingHalfWayLeavesNoTraceAndStopsLaterFiles() throws IOException {
        write("001_ok.sql", "CREATE TABLE {{tables.ok}} (id int);");
        write("002_bad.sql", "CREATE TABLE {{tables.half}} (id int);\nINSERT INTO {{tables.half}} VALUES ('not a number');");
        write("003_later.sql", "CREATE TABLE {{tables.later}} (id int);");

        MigrationException e = catchThrowableOfType(MigrationException.class, () -> manager("m").applyPending());

        assertThat(e.module()).isEqualTo("m");
        assertThat(e.file()).isEqualTo("002_bad.sql");
        assertThat(e.sqlState()).contains("22P02");
        assertThat(e.statementNumber()).isEqualTo(2);
        assertThat(e).hasMessageContaining("002_bad.sql").hasMessageContaining("22P02").hasMessageContaining("[m]")
                .hasMessageContaining("at statement 2 of 2 (line 2): INSERT INTO");
        assertThat(e.partialResult().status()).isEqualTo(MigrationResult.Status.FAILED);
        assertThat(e.partialResult().appliedFilenames()).containsExactly("001_ok.sql");
        assertThat(e.partialResult().pending()).containsExactly("002_bad.sql", "003_later.sql");
        assertThat(db.tableExists("half")).isFalse();
        assertThat(db.tableExists("later")).isFalse();
        assertThat(historyRows()).containsExactly("001_ok.sql:m");
    }

    @Test
    void aFileFailingAtItsCommitIsRolledBackAndStopsLaterFiles() throws IOException {
        write("001_ok.sql", "CREATE TABLE {{tables.parent}} (id int PRIMARY KEY);");
        write("002_deferred.sql", "CREATE TABLE {{tables.child}} (parent int REFERENCES {{tables.parent}} (id)"
                + " DEFERRABLE INITIALLY DEFERRED);\nINSERT INTO {{tables.child}} VALUES (1);");
        write("003_later.sql", "CREATE TABLE {{tables.later}} (id int);");

        MigrationException e = catchThrowableOfType(MigrationException.class, () -> manager("m").applyPending());

        assertThat(e.file()).isEqualTo("002_deferred.sql");
        assertThat(e.sqlState()).contains("23503");
        assertThat(e).hasMessageContaining("was rolled back");
        assertThat(db.tableExists("child")).isFalse();
        assertThat(db.tableExists("later")).isFalse();
        assertThat(historyRows()).containsExactly("001_ok.sql:m");
        assertThat(manager("m").pending()).extracting(Migration::filename).containsExactly("002_deferred.sql", "003_later.sql");
    }

    @Test
    void aNoTransactionFileFailingAtStatementKReportsKKeepsEarlierStatementsAndNamesTheInvalidIndex() throws IOException {
        write("001_idx.sql", "-- pgdbm:no-transaction\n"
                + "CREATE TABLE {{tables.a}} (id int);\n"
                + "INSERT INTO {{tables.a}} VALUES (1), (1);\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY a_id_uq ON {{tables.a}} (id);\n"
                + "CREATE TABLE {{tables.b}} (id int);\n");

        MigrationException e = catchThrowableOfType(MigrationException.class, () -> manager("m").applyPending());

        assertThat(e.statementNumber()).isEqualTo(3);
        assertThat(e.sqlState()).contains("23505");
        assertThat(e).hasMessageContaining("statement 3 of 4").hasMessageContaining("line 4")
                .hasMessageContaining("DROP INDEX CONCURRENTLY IF EXISTS \"" + schema + "\".a_id_uq;");
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.a}}")).isEqualTo(2L);
        assertThat(db.tableExists("b")).isFalse();
        assertThat(historyRows()).isEmpty();
    }

    @Test
    void aConcurrentIndexInATransactionalFileFailsBeforeAnythingRuns() throws IOException {
        write("001_table.sql", "CREATE TABLE {{tables.c}} (id int);");
        write("002_index.sql", "-- builds an index\nCREATE INDEX CONCURRENTLY c_id ON {{tables.c}} (id);");

        assertThatThrownBy(() -> manager("m").applyPending())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("002_index.sql").hasMessageContaining("CREATE INDEX CONCURRENTLY")
                .hasMessageContaining("-- pgdbm:no-transaction");
        assertThat(db.tableExists("c")).isFalse();
    }

    @Test
    void ofALegacyRowAndTheModulesOwnRowForOneFileTheLaterWrittenCounts() throws IOException {
        write("001_a.sql", "CREATE TABLE {{tables.a}} (id int);");
        String checksum = MigrationManager.discover(dir.toString()).get(0).checksum();
        String insert = "INSERT INTO {{tables.schema_migrations}} (filename, checksum, module_name) VALUES ('001_a.sql', $1, $2)";
        manager("m").ensureMigrationsTable();
        db.execute(insert, "0".repeat(64), null);
        db.execute(insert, checksum, "m");

        assertThat(manager("m").applyPending().status()).isEqualTo(MigrationResult.Status.UP_TO_DATE);

        db.execute("DELETE FROM {{tables.schema_migrations}}");
        db.execute(insert, checksum, "m");
        db.execute(insert, "0".repeat(64), null);
        assertThatThrownBy(() -> manager("m").applyPending()).isInstanceOf(ChecksumMismatchException.class);
        assertThat(db.tableExists("a")).isFalse();
    }

    @Test
    void anEditedAppliedFileIsRefusedAndNothingIsApplied() throws IOException {
        write("001_a.sql", "CREATE TABLE {{tables.a}} (id int);");
        manager("m").applyPending();
        write("001_a.sql", "CREATE TABLE {{tables.a}} (id bigint);");
        write("002_b.sql", "CREATE TABLE {{tables.b}} (id int);");

        ChecksumMismatchException e = catchThrowableOfType(ChecksumMismatchException.class, () -> manager("m").applyPending());

        assertThat(e.module()).isEqualTo("m");
        assertThat(e.file()).isEqualTo("001_a.sql");
        assertThat(e.storedChecksum()).isEqualTo(MigrationManager.checksum("CREATE TABLE {{tables.a}} (id int);"));
        assertThat(e.currentChecksum()).isEqualTo(MigrationManager.checksum("CREATE TABLE {{tables.a}} (id bigint);"));
        assertThat(e).hasMessageContaining(e.storedChecksum()).hasMessageContaining(e.currentChecksum());
        assertThatThrownBy(() -> manager("m").validate()).isInstanceOf(ChecksumMismatchException.class);
        assertThat(db.tableExists("b")).isFalse();
    }

    @Test
    void whitespaceAndLineEndingChangesDoNotCountAsEdits() throws IOException {
        write("001_a.sql", "CREATE TABLE {{tables.a}} (id int);");
        manager("m").applyPending();
        write("001_a.sql", "\n\u00a0 CREATE TABLE {{tables.a}} (id int);\r\n\n");

        assertThat(manager("m").applyPending().status()).isEqualTo(MigrationResult.Status.UP_TO_DATE);
    }

    @Test
    void twoModulesInOneSchemaWithIdenticalFileNamesStaySeparate(@TempDir Path other) throws IOException {
        write("001_initial.sql", "CREATE TABLE {{tables.users}} (id int);");
        Files.writeString(other.resolve("001_initial.sql"), "CREATE TABLE {{tables.orders}} (id int);");

        manager("users").applyPending();
        MigrationResult orders = new MigrationManager(db, other.toString(), "orders").applyPending();

        assertThat(orders.appliedFilenames()).containsExactly("001_initial.sql");
        assertThat(historyRows()).containsExactly("001_initial.sql:users", "001_initial.sql:orders");
        assertThat(db.tableExists("users")).isTrue();
        assertThat(db.tableExists("orders")).isTrue();
    }

    @Test
    void aModuleAddedToASchemaFullOfAnotherModulesTablesJustWorks(@TempDir Path other) throws IOException {
        for (int i = 1; i <= 20; i++) {
            write(String.format("%03d_t%d.sql", i, i), "CREATE TABLE {{tables.t" + i + "}} (id int);");
        }
        manager("big").applyPending();
        Files.writeString(other.resolve("001_extra.sql"), "CREATE TABLE {{tables.extra}} (t1_id int);");

        MigrationResult added = new MigrationManager(db, other.toString(), "extra").applyPending();

        assertThat(added.appliedFilenames()).containsExactly("001_extra.sql");
        assertThat(manager("big").applyPending().status()).isEqualTo(MigrationResult.Status.UP_TO_DATE);
    }

    @Test
    void continuesAHistoryWrittenWithTheOriginalsLayout() throws IOException {
        String first = "CREATE TABLE {{tables.a}} (id int);";
        String legacy = "CREATE TABLE {{tables.l}} (id int);";
        write("001_a.sql", first);
        write("002_legacy.sql", legacy);
        write("003_b.sql", "CREATE TABLE {{tables.b}} (id int);");
        db.execute("CREATE SCHEMA " + schema);
        db.execute("CREATE TABLE " + schema + ".a (id int); CREATE TABLE " + schema + ".l (id int)");
        // exactly what the original runs: unquoted schema, same DDL and index
        db.execute("CREATE TABLE IF NOT EXISTS " + schema + ".schema_migrations ( id SERIAL PRIMARY KEY,"
                + " filename VARCHAR(255) NOT NULL, checksum VARCHAR(64) NOT NULL, module_name VARCHAR(100),"
                + " applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, applied_by VARCHAR(100) DEFAULT CURRENT_USER,"
                + " execution_time_ms INTEGER, UNIQUE(filename, module_name))");
        db.execute("CREATE INDEX IF NOT EXISTS idx_schema_migrations_module ON " + schema + ".schema_migrations(module_name, filename)");
        db.execute("INSERT INTO " + schema + ".schema_migrations (filename, checksum, module_name, execution_time_ms)"
                + " VALUES ($1, $2, 'm', 5), ($3, $4, NULL, 7), ('001_a.sql', 'ffff', 'someone_else', 1)",
                "001_a.sql", MigrationManager.checksum(first), "002_legacy.sql", MigrationManager.checksum(legacy));

        MigrationResult result = manager("m").applyPending();

        assertThat(result.appliedFilenames()).containsExactly("003_b.sql");
        assertThat(result.skipped()).containsExactlyInAnyOrder("001_a.sql", "002_legacy.sql");
        assertThat(manager("m").applied()).extracting(AppliedMigration::moduleName).containsExactly("m", null, "m");
        assertThat(manager("m").history(10)).first().extracting(AppliedMigration::filename).isEqualTo("003_b.sql");
    }

    @Test
    void failsWhenTheLockIsHeldAndNamesTheHolder() throws Exception {
        write("001_a.sql", "CREATE TABLE {{tables.a}} (id int);");
        DatabaseConfig config = pool.config();
        try (Connection holder = DriverManager.getConnection(config.jdbcUrl() + "?ApplicationName=lock_holder_app",
                config.user(), config.password().orElse(null)); Statement st = holder.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT pg_backend_pid(), pg_try_advisory_lock(hashtext('pgdbm_migration_held'))");
            rs.next();
            int pid = rs.getInt(1);
            MigrationManager m = MigrationManager.builder(db, dir.toString()).moduleName("held")
                    .lockWaitTimeout(Duration.ofMillis(300)).build();

            assertThatThrownBy(m::applyPending)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("pid " + pid).hasMessageContaining("lock_holder_app")
                    .hasMessageContaining("connected since").hasMessageContaining("lockWaitTimeout");
            assertThat(db.tableExists("a")).isFalse();
        }
    }

    @Test
    void nothingPendingNeedsNoLock() throws Exception {
        write("001_a.sql", "CREATE TABLE {{tables.a}} (id int);");
        manager("busy").applyPending();
        DatabaseConfig config = pool.config();
        try (Connection holder = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password().orElse(null));
             Statement st = holder.createStatement()) {
            st.execute("SELECT pg_advisory_lock(hashtext('pgdbm_migration_busy'))");
            MigrationManager m = MigrationManager.builder(db, dir.toString()).moduleName("busy")
                    .lockWaitTimeout(Duration.ZERO).build();

            assertThat(m.applyPending().status()).isEqualTo(MigrationResult.Status.UP_TO_DATE);
        }
    }

    @Test
    void planListsPendingFilesAndChangesNothing() throws IOException {
        write("001_a.sql", "CREATE TABLE {{tables.a}} (id int);");
        write("002_b.sql", "CREATE TABLE {{tables.b}} (id int);");

        MigrationResult plan = manager("m").plan();

        assertThat(plan.status()).isEqualTo(MigrationResult.Status.DRY_RUN);
        assertThat(plan.pending()).containsExactly("001_a.sql", "002_b.sql");
        assertThat(plan.total()).isEqualTo(2);
        assertThat(manager("m").pending()).extracting(Migration::filename).containsExactly("001_a.sql", "002_b.sql");
        assertThat(db.fetchValue(Boolean.class, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", schema)).isFalse();
    }

    @Test
    void migrationsAreNotCutOffByThePoolStatementTimeoutUnlessConfigured() throws IOException {
        SharedPool strict = SharedPool.create(pool.config().toBuilder().statementTimeout(Duration.ofMillis(200)).build());
        try (strict) {
            DatabaseManager strictDb = new DatabaseManager(strict, schema);
            write("001_slow.sql", "SELECT pg_sleep(0.4);");
            assertThat(new MigrationManager(strictDb, dir.toString(), "slow").applyPending().status())
                    .isEqualTo(MigrationResult.Status.SUCCESS);

            write("002_slower.sql", "SELECT pg_sleep(0.4);");
            MigrationManager limited = MigrationManager.builder(strictDb, dir.toString()).moduleName("slow")
                    .statementTimeout(Duration.ofMillis(100)).build();
            MigrationException e = catchThrowableOfType(MigrationException.class, limited::applyPending);
            assertThat(e.sqlState()).contains("57014");
            // the pool's own setting is untouched for application queries
            assertThat(strictDb.fetchValue(String.class, "SHOW statement_timeout")).isEqualTo("200ms");
        }
    }

    @Test
    void anEmptyFileIsAnError() throws IOException {
        write("001_empty.sql", "  \n\t\n");

        assertThatThrownBy(() -> manager("m").applyPending())
                .isInstanceOf(MigrationException.class).hasMessageContaining("001_empty.sql").hasMessageContaining("empty");
    }

    @Test
    void createMigrationNumbersNextZeroPaddedAndNeverOverwrites() throws IOException {
        MigrationManager m = new MigrationManager(db, dir.resolve("new").toString(), "m");
        Path first = m.createMigration("create_users", "CREATE TABLE {{tables.users}} (id int);");
        Path second = m.createMigration("add_email", "ALTER TABLE {{tables.users}} ADD email text;");
        write("0041_wide.sql", "SELECT 1;");
        MigrationManager wide = new MigrationManager(db, dir.toString(), "w");

        assertThat(first.getFileName()).hasToString("001_create_users.sql");
        assertThat(second.getFileName()).hasToString("002_add_email.sql");
        assertThat(wide.createMigration("next", "SELECT 2;").getFileName()).hasToString("0042_next.sql");
        assertThat(m.applyPending().appliedFilenames()).containsExactly("001_create_users.sql", "002_add_email.sql");
        assertThatThrownBy(() -> m.createMigration("Bad-Name", "SELECT 1;")).isInstanceOf(MigrationException.class)
                .hasMessageContaining("Bad-Name");
        assertThatThrownBy(() -> new MigrationManager(db, "classpath:db/x", "m").createMigration("x", "SELECT 1;"))
                .isInstanceOf(MigrationException.class).hasMessageContaining("classpath");
    }

    @Test
    void createMigrationNeverOverwritesWhatHoldsTheNextName() throws IOException {
        write("001_x.sql", "SELECT 1;");
        write("002_y.sql", "SELECT 2;");
        Files.createDirectories(dir.resolve("003_y.sql")); // not a migration, but it holds the name

        assertThatThrownBy(() -> manager("m").createMigration("y", "SELECT 3;"))
                .isInstanceOf(MigrationException.class).hasMessageContaining("003_y.sql").hasMessageContaining("never overwritten");
    }

    @Test
    void moduleNameDefaultsLikeTheOriginal() {
        DatabaseConfig config = pool.config();
        try (DatabaseManager owned = new DatabaseManager(config)) {
            owned.connect();
            assertThat(new MigrationManager(owned, dir.toString(), null).moduleName()).isEqualTo("default");
        }
        assertThat(new MigrationManager(new DatabaseManager(pool), dir.toString(), null).moduleName()).isEqualTo("public");
        assertThat(new MigrationManager(db, dir.toString(), "").moduleName()).isEqualTo(schema);
        assertThat(new MigrationManager(db, dir.toString(), null).migrationsTable()).isEqualTo("schema_migrations");
    }

    @Test
    void anOwningManagerWithoutSchemaUsesTheUnqualifiedTable() throws IOException {
        write("001_a.sql", "CREATE TABLE {{tables.owned_a}} (id int);");
        try (DatabaseManager owned = new DatabaseManager(support.newDatabase())) {
            owned.connect();
            MigrationResult r = new MigrationManager(owned, dir.toString(), null).applyPending();

            assertThat(r.schema()).isNull();
            assertThat(owned.fetchValue(String.class, "SELECT module_name FROM public.schema_migrations")).isEqualTo("default");
            assertThat(owned.tableExists("public.owned_a")).isTrue();
        }
    }

    @Test
    void rejectsAnInvalidMigrationsTableBeforeAnySql() {
        assertThatThrownBy(() -> MigrationManager.builder(db, dir.toString()).migrationsTable("x; DROP TABLE y").build())
                .isInstanceOf(SchemaException.class).hasMessageContaining("migrations table");
    }

    @Test
    void usesACustomMigrationsTable() throws IOException {
        write("001_a.sql", "SELECT 1;");
        MigrationManager m = MigrationManager.builder(db, dir.toString()).moduleName("m").migrationsTable("orders_history").build();

        m.applyPending();

        assertThat(db.tableExists("orders_history")).isTrue();
        assertThat(m.applied()).extracting(AppliedMigration::filename).containsExactly("001_a.sql");
    }

    @Test
    void migratesManySchemasContinuingPastAFailingOne() throws IOException {
        write("001_a.sql", "CREATE TABLE {{tables.accounts}} (id int);");
        write("002_b.sql", "CREATE INDEX accounts_id ON {{tables.accounts}} (id);");
        db = new DatabaseManager(pool, schema + "_bad");
        db.execute("CREATE SCHEMA " + schema + "_bad; CREATE TABLE " + schema + "_bad.accounts (name text)");
        List<String> schemas = List.of(schema + "_1", schema + "_bad", schema + "_2", schema + "_3");

        SchemaMigrationSummary summary = MigrationManager.migrateSchemas(pool, dir.toString(), "tenant", schemas, 2);

        assertThat(summary.isSuccess()).isFalse();
        assertThat(summary.succeeded()).containsOnlyKeys(schema + "_1", schema + "_2", schema + "_3");
        assertThat(summary.succeeded().values()).allSatisfy(r -> assertThat(r.appliedFilenames()).hasSize(2));
        assertThat(summary.failed()).containsOnlyKeys(schema + "_bad");
        assertThat(summary.failed().get(schema + "_bad")).isInstanceOf(MigrationException.class).hasMessageContaining("001_a.sql");
        assertThat(MigrationManager.migrateSchemas(pool, dir.toString(), "tenant", List.of(schema + "_1"), 8)
                .succeeded().get(schema + "_1").status()).isEqualTo(MigrationResult.Status.UP_TO_DATE);
        assertThatThrownBy(() -> MigrationManager.migrateSchemas(pool, dir.toString(), "t", List.of("ok", "x\"; DROP"), 2))
                .isInstanceOf(SchemaException.class);
    }
}
