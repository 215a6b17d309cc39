package io.pgdbm.migration;

import io.pgdbm.internal.sql.SqlLexer;
import io.pgdbm.internal.sql.SqlStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one checked migration file and writes its history row, on a connection the caller holds. */
final class FileApplier {
    private static final Logger LOG = LoggerFactory.getLogger(FileApplier.class);
    private static final String INVALID_INDEXES = "SELECT i.indexrelid::regclass::text FROM pg_index i"
            + " WHERE NOT i.indisvalid";

    /** Files applied together share one transaction, at most this many; it bounds the open subtransactions. */
    static final int GROUP_LIMIT = 50;

    /** Server-side: whole ms since the file's timestamp, at least 1 (as measured on the client for other files). */
    private static final String FILE_MILLIS = "GREATEST(1, floor((extract(epoch FROM clock_timestamp())"
            + " - current_setting('pgdbm.file_start')::numeric) * 1000))::int";

    /** A file after templating and checking, ready to run. */
    record Checked(Migration migration, String sql, List<SqlStatement> statements) {
        /** Whether it can share a transaction with other files: transactional and without its own BEGIN/COMMIT. */
        boolean groupable() {
            return !migration.noTransaction() && statements.stream().noneMatch(s -> SqlLexer.controlsTransaction(s.text()));
        }
    }

    /** Called as each file of a group is recorded, with its execution time in ms. */
    interface Progress {
        void applied(Migration migration, long millis);
    }

    /** A failure while running a file; the manager turns it into a {@link MigrationException}. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final Integer statementNumber;

        Failure(String message, Integer statementNumber, SQLException cause) {
            super(message, cause);
            this.statementNumber = statementNumber;
        }
    }

    private final HistoryTable history;
    private final String module;

    FileApplier(HistoryTable history, String module) {
        this.history = history;
        this.module = module;
    }

    /**
     * Templates and checks a file without running anything: it must not be empty, and a transactional file must
     * not contain a statement that PostgreSQL refuses inside a transaction block.
     */
    static Checked check(Migration m, String rendered, String module) {
        if (Checksums.pythonStrip(m.content()).isEmpty()) {
            throw new MigrationException("[" + module + "] Migration '" + m.filename() + "' is empty; write its SQL "
                    + "or delete the file", module, m.filename(), null, null, null, null);
        }
        List<SqlStatement> statements = SqlLexer.splitStatements(rendered);
        if (statements.isEmpty()) {
            // recording it would mark the change as done while nothing ran (a new file still holding its template)
            throw new MigrationException("[" + module + "] Migration '" + m.filename() + "' holds only comments, no "
                    + "SQL statement; write its SQL or delete the file", module, m.filename(), null, null, null, null);
        }
        if (!m.noTransaction()) {
            for (int i = 0; i < statements.size(); i++) {
                SqlStatement s = statements.get(i);
                String command = SqlLexer.nonTransactionalCommand(s.text()).orElse(null);
                if (command != null) {
                    throw new MigrationException("[" + module + "] Migration '" + m.filename() + "' statement "
                            + (i + 1) + " (line " + s.line() + ") is " + command + ", which cannot run inside a "
                            + "transaction. Nothing was run. Put it in a file whose first line is\n"
                            + "-- pgdbm:no-transaction\n(that file's statements then run one by one in autocommit, "
                            + "so write them idempotently, e.g. IF NOT EXISTS).", module, m.filename(), null, i + 1,
                            null, null);
                }
            }
        }
        return new Checked(m, rendered, statements);
    }

    /** Applies the file and records it; returns the recorded execution time in whole ms (at least 1). */
    long apply(Connection c, Checked file) throws Failure {
        return file.migration().noTransaction() ? applyStatementByStatement(c, file) : applyInTransaction(c, file);
    }

    /**
     * Applies groupable files in one transaction. First all of them and their history rows go in one round trip
     * (each file's execution time is taken by the server); when anything fails there, that transaction is rolled
     * back whole and the group runs again file by file behind savepoints, which finds the failing file: it alone is
     * rolled back, the files before it and their rows are committed, and later files do not run. Each file commits
     * together with its history row either way; one round trip and one commit per group instead of several per
     * file is what makes a migration set fast.
     */
    void applyGroup(Connection c, List<Checked> files, Progress progress) throws Failure {
        List<Long> times = applyAtOnce(c, files);
        if (times == null) {
            applyFileByFile(c, files, progress);
            return;
        }
        for (int i = 0; i < files.size(); i++) {
            progress.applied(files.get(i).migration(), times.get(i));
        }
    }

    /**
     * For each file a timestamp, the file and its history row (returning the server-measured time), in one string
     * and one round trip inside a transaction, then the commit. The transaction goes through JDBC (not a
     * {@code BEGIN} in the string), so a connection that emulates it — a test's pinned connection — keeps its own.
     * Returns each file's time in ms, or {@code null} when a statement failed (nothing was applied).
     */
    private List<Long> applyAtOnce(Connection c, List<Checked> files) throws Failure {
        StringBuilder sql = new StringBuilder();
        for (Checked file : files) {
            sql.append("SELECT set_config('pgdbm.file_start', extract(epoch FROM clock_timestamp())::text, true);\n")
                    .append(file.sql()).append("\n;\n")
                    .append(history.insertSql(file.migration(), module, FILE_MILLIS)).append(";\n");
        }
        try {
            c.setAutoCommit(false);
            try (Statement st = fileStatement(c)) {
                List<Long> times = new ArrayList<>();
                try {
                    for (boolean isResult = st.execute(sql.toString()); isResult || st.getUpdateCount() != -1;
                            isResult = st.getMoreResults()) {
                        if (isResult) {
                            try (ResultSet rs = st.getResultSet()) {
                                if (rs.getMetaData().getColumnLabel(1).equals(HistoryTable.MILLIS_LABEL) && rs.next()) {
                                    times.add(rs.getLong(1));
                                }
                            }
                        }
                    }
                } catch (SQLException e) {
                    try {
                        c.rollback();
                    } catch (SQLException rollback) {
                        e.addSuppressed(rollback);
                        throw e; // the connection is gone
                    }
                    LOG.debug("[{}] {} file(s) in one round trip failed ({}); applying them one by one", module,
                            files.size(), e.getMessage());
                    return null;
                }
                c.commit();
                if (times.size() != files.size()) { // only a file returning a column of that label could do this
                    throw new IllegalStateException("[" + module + "] " + files.size() + " migration files were applied "
                            + "and recorded, but " + times.size() + " results labelled " + HistoryTable.MILLIS_LABEL
                            + " came back");
                }
                return times;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new Failure("[" + module + "] Migrations " + files.get(0).migration().filename() + " to "
                    + files.get(files.size() - 1).migration().filename() + " could not be run: " + e.getMessage(), null, e);
        }
    }

    private void applyFileByFile(Connection c, List<Checked> files, Progress progress) throws Failure {
        List<Checked> done = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        try {
            c.setAutoCommit(false);
            try (Statement st = fileStatement(c)) {
                for (Checked file : files) {
                    long start = System.nanoTime();
                    try {
                        st.execute((done.isEmpty() ? "" : "RELEASE SAVEPOINT pgdbm_file;\n") + "SAVEPOINT pgdbm_file;\n"
                                + file.sql());
                    } catch (SQLException e) {
                        st.execute("ROLLBACK TO SAVEPOINT pgdbm_file");
                        Integer failed = failingStatement(st, file);
                        commitGroup(c, done, times, progress);
                        SqlStatement at = failed == null ? null : file.statements().get(failed - 1);
                        String where = at == null ? " " : " at statement " + failed + " of " + file.statements().size()
                                + " (line " + at.line() + "): " + abbreviate(at.text()) + "\n";
                        throw new Failure("[" + module + "] Migration '" + file.migration().filename() + "' failed"
                                + where + "and was rolled back; no history row was written for it and later files were "
                                + "not applied"
                                + (done.isEmpty() ? "" : " (the " + done.size() + " file(s) before it are applied)")
                                + ". Fix the file and run again.", failed, e);
                    }
                    done.add(file);
                    times.add(elapsedMillis(start));
                }
                commitGroup(c, done, times, progress);
            } catch (SQLException e) {
                rollbackQuietly(c, e);
                throw new Failure("[" + module + "] Migrations " + files.get(0).migration().filename() + " to "
                        + files.get(files.size() - 1).migration().filename() + " could not be recorded and were rolled "
                        + "back", null, e);
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new Failure("[" + module + "] Migration '" + files.get(0).migration().filename() + "' could not be "
                    + "run: the connection failed", null, e);
        }
    }

    /**
     * Which statement of a failed transactional file fails (1-based), found by running its statements one by one
     * behind the file's savepoint and rolling back to it again; {@code null} when none fails this time.
     */
    private static Integer failingStatement(Statement st, Checked file) throws SQLException {
        List<SqlStatement> statements = file.statements();
        try {
            for (int i = 0; i < statements.size(); i++) {
                try {
                    st.execute(statements.get(i).text());
                } catch (SQLException e) {
                    return i + 1;
                }
            }
            return null;
        } finally {
            st.execute("ROLLBACK TO SAVEPOINT pgdbm_file");
        }
    }

    private void commitGroup(Connection c, List<Checked> done, List<Long> times, Progress progress) throws SQLException {
        if (!done.isEmpty()) {
            history.insertAll(c, done.stream().map(Checked::migration).toList(), module, times);
        }
        c.commit();
        for (int i = 0; i < done.size(); i++) {
            progress.applied(done.get(i).migration(), times.get(i));
        }
    }

    /**
     * The whole file in one round trip, then its history row, in one transaction. A file holding its own
     * {@code BEGIN; ... COMMIT;} still applies: the server only warns about the inner BEGIN, the file's COMMIT
     * ends the transaction, and the history row then goes into a new one.
     */
    private long applyInTransaction(Connection c, Checked file) throws Failure {
        long start = System.nanoTime();
        try {
            c.setAutoCommit(false);
            try {
                try (Statement st = fileStatement(c)) {
                    st.execute(file.sql());
                }
                long ms = elapsedMillis(start);
                history.insert(c, file.migration(), module, ms);
                c.commit();
                return ms;
            } catch (SQLException e) {
                rollbackQuietly(c, e);
                throw new Failure("[" + module + "] Migration '" + file.migration().filename() + "' failed and was "
                        + "rolled back; no history row was written and later files were not applied. Fix the file "
                        + "and run again.", null, e);
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new Failure("[" + module + "] Migration '" + file.migration().filename() + "' could not be run: the "
                    + "connection failed", null, e);
        }
    }

    /** One statement per round trip in autocommit; earlier statements stay when a later one fails. */
    private long applyStatementByStatement(Connection c, Checked file) throws Failure {
        String name = file.migration().filename();
        LOG.warn("[{}] {} runs without a transaction: each statement commits on its own, and a failure leaves the "
                + "earlier statements applied", module, name);
        long start = System.nanoTime();
        List<SqlStatement> statements = file.statements();
        try (Statement st = fileStatement(c)) {
            for (int i = 0; i < statements.size(); i++) {
                SqlStatement s = statements.get(i);
                boolean buildsIndex = SqlLexer.nonTransactionalCommand(s.text()).filter(k -> k.contains("INDEX")).isPresent();
                Set<String> invalidBefore = buildsIndex ? invalidIndexes(c) : Set.of();
                try {
                    st.execute(s.text());
                } catch (SQLException e) {
                    throw new Failure(statementFailure(c, name, i + 1, statements.size(), s, buildsIndex,
                            invalidBefore), i + 1, e);
                }
            }
            long ms = elapsedMillis(start);
            history.insert(c, file.migration(), module, ms);
            return ms;
        } catch (SQLException e) {
            throw new Failure("[" + module + "] Migration '" + name + "': all statements ran but the history row "
                    + "could not be written; the file will run again next time, so its statements must be "
                    + "idempotent", null, e);
        }
    }

    private String statementFailure(Connection c, String name, int number, int count, SqlStatement s,
                                    boolean buildsIndex, Set<String> invalidBefore) {
        StringBuilder sb = new StringBuilder("[").append(module).append("] Migration '").append(name)
                .append("' (no-transaction) failed at statement ").append(number).append(" of ").append(count)
                .append(" (line ").append(s.line()).append("): ").append(abbreviate(s.text())).append('\n')
                .append(number == 1 ? "No statement of the file took effect" : "Statements 1.." + (number - 1)
                        + " were committed and stay applied")
                .append("; no history row was written, so the whole file runs again next time: make it idempotent.");
        if (buildsIndex) {
            try {
                Set<String> left = invalidIndexes(c);
                left.removeAll(invalidBefore);
                for (String index : left) {
                    sb.append("\nThe failed statement left the INVALID index ").append(index)
                            .append(" behind; drop it before running again:\n  DROP INDEX CONCURRENTLY IF EXISTS ")
                            .append(index).append(';');
                }
            } catch (SQLException e) {
                sb.append("\nCould not look for an INVALID index left behind: ").append(e.getMessage());
            }
        }
        return sb.toString();
    }

    private static Set<String> invalidIndexes(Connection c) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(INVALID_INDEXES)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String abbreviate(String statement) {
        String oneLine = statement.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
    }

    /**
     * A statement for a file's SQL, which goes to the server as written, as psql would send it: without JDBC escape
     * processing ({@code {fn ...}}, {@code {d '...'}}), which is not SQL and would only cost a scan of the text.
     */
    private static Statement fileStatement(Connection c) throws SQLException {
        Statement st = c.createStatement();
        st.setEscapeProcessing(false);
        return st;
    }

    private static long elapsedMillis(long startNanos) {
        return Math.max(1, (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static void rollbackQuietly(Connection c, SQLException failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
