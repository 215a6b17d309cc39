package io.pgdbm.migration;

import io.pgdbm.internal.sql.SqlLexer;
import io.pgdbm.internal.sql.SqlStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.BaseStatement;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.TransactionState;
import org.postgresql.jdbc.PreferQueryMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checked migration files one after another on a connection the caller holds, each as if alone: a transactional
 * file and its history row commit together in a transaction of their own, before the next file starts, and each
 * file after the first finds the session reset (see {@link MigrationSession}). A file's SQL goes to the server as
 * psql sends it, with the simple query protocol: no server-side prepare, so a {@code BEGIN ATOMIC} body followed by
 * more statements is fine.
 */
final class FileApplier {
    private static final Logger LOG = LoggerFactory.getLogger(FileApplier.class);
    /** Invalid indexes, named as the hint must write them: schema quoted, index as PostgreSQL quotes it. */
    private static final String INVALID_INDEXES = "SELECT '\"' || pg_catalog.replace(n.nspname, '\"', '\"\"') || '\".'"
            + " || pg_catalog.quote_ident(c.relname) FROM pg_catalog.pg_index i"
            + " JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid";

    /** Marks the file's start on the server (the history row's time is measured from it) and notes the role. */
    private static final String START_CLOCK = "SELECT pg_catalog.set_config('pgdbm.file_start',"
            + " extract(epoch FROM pg_catalog.clock_timestamp())::text, true),"
            + " pg_catalog.set_config('pgdbm.file_role', pg_catalog.current_setting('role'), true);\n";
    /** The role the file started with, back for the history row: a file's SET ROLE must not write pgdbm's row. */
    private static final String RESTORE_ROLE = "SELECT pg_catalog.set_config('role',"
            + " pg_catalog.current_setting('pgdbm.file_role'), true);\n";
    /** For files run statement by statement, whose own COMMIT (or autocommit) ends any LOCAL note. */
    private static final String ROLE_LABEL = "pgdbm_file_role";
    private static final String NOTE_ROLE = "SELECT pg_catalog.current_setting('role') AS " + ROLE_LABEL + ";\n";
    /** Server-side: whole ms since the file's start, at least 1 (as measured on the client for other files). */
    private static final String FILE_MILLIS = "GREATEST(1, floor((extract(epoch FROM pg_catalog.clock_timestamp())"
            + " - pg_catalog.current_setting('pgdbm.file_start')::numeric) * 1000))::int";

    /** A file after templating and checking, ready to run. */
    record Checked(Migration migration, String sql, List<SqlStatement> statements) {
        /** Whether the file has its own transaction control ({@code BEGIN}, {@code COMMIT}, ...). */
        boolean controlsTransaction() {
            return statements.stream().anyMatch(s -> SqlLexer.controlsTransaction(s.text()));
        }
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
    private final MigrationSession session;
    private int applied;
    private String startRole = "none"; // of a file run statement by statement, noted by NOTE_ROLE

    /**
     * @param history the history table, schema-qualified (a file may empty the search path)
     * @param session its prologue starts the first file, its reset each later one, in the file's transaction
     */
    FileApplier(HistoryTable history, String module, MigrationSession session) {
        this.history = history;
        this.module = module;
        this.session = session;
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

    /**
     * Applies the next file and records it; returns the recorded execution time in whole ms (at least 1).
     *
     * @param last whether no file follows: its round trip may then also end the session
     */
    long apply(Connection c, Checked file, boolean last) throws Failure {
        String reset = applied == 0 ? session.prologue() : session.betweenFiles();
        long ms = file.migration().noTransaction() ? applyStatementByStatement(c, file, reset)
                : file.controlsTransaction() ? applyWithItsOwnTransactionControl(c, file, reset)
                : applyInTransaction(c, file, reset, last ? session.epilogue() : null);
        applied++;
        return ms;
    }

    /**
     * The session reset, the file and its history row in one transaction of their own. On a connection in
     * auto-commit that is in no transaction, {@code BEGIN}, all that and {@code COMMIT} go as one Query message: one
     * round trip per file. The server parses the whole string before running any of it, so a syntax error anywhere
     * runs nothing; a failing statement skips the rest of the string, COMMIT included, and the transaction is rolled
     * back. Otherwise the transaction goes through JDBC (two round trips), so a connection that emulates one — a
     * test's pinned connection, inside a transaction of its harness — keeps its own. The row's time is taken by the
     * server.
     */
    private long applyInTransaction(Connection c, Checked file, String reset, String epilogue) throws Failure {
        String body = reset + START_CLOCK + file.sql() + "\n;\n" + RESTORE_ROLE
                + history.insertSql(file.migration(), module, FILE_MILLIS);
        try {
            BaseConnection pg = c.isWrapperFor(BaseConnection.class) ? c.unwrap(BaseConnection.class) : null;
            boolean oneMessage = pg != null && c.getAutoCommit() && pg.getTransactionState() == TransactionState.IDLE;
            try {
                return oneMessage ? inOneMessage(c, pg, file.migration(), body, epilogue) : inJdbcTransaction(c, body);
            } catch (SQLException e) {
                Integer failed = failingStatement(c, file, reset);
                SqlStatement at = failed == null ? null : file.statements().get(failed - 1);
                String where = at == null ? " " : " at statement " + failed + " of " + file.statements().size()
                        + " (line " + at.line() + "): " + abbreviate(at.text()) + "\n";
                throw new Failure("[" + module + "] Migration '" + file.migration().filename() + "' failed" + where
                        + "and was rolled back; no history row was written for it and later files were not applied"
                        + (applied == 0 ? "" : " (the " + applied + " file(s) before it are applied)")
                        + ". Fix the file and run again.", failed, e);
            }
        } catch (SQLException e) {
            throw new Failure("[" + module + "] Migration '" + file.migration().filename() + "' could not be run: the "
                    + "connection failed", null, e);
        }
    }

    /**
     * {@code BEGIN}, the body and {@code COMMIT} in one message; after the last file also the session's epilogue, so
     * the session ends in the same round trip. A failure while the transaction is open rolls it back; a failure with
     * no transaction open is either the COMMIT (the file is not recorded) or the epilogue (the file is recorded and
     * stays applied; the session is then left to be replaced).
     */
    private long inOneMessage(Connection c, BaseConnection pg, Migration m, String body, String epilogue)
            throws SQLException {
        try (Statement st = fileStatement(c)) {
            long ms = run(st, "BEGIN;\n" + body + ";\nCOMMIT" + (epilogue == null ? "" : ";\n" + epilogue));
            if (pg.getTransactionState() != TransactionState.IDLE) {
                throw new SQLException("the file left its transaction open", "25000");
            }
            if (epilogue != null) {
                session.ended(true);
            }
            return ms;
        } catch (SQLException e) {
            if (pg.getTransactionState() != TransactionState.IDLE) {
                try (Statement st = c.createStatement()) {
                    st.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
            } else if (epilogue != null) {
                Long recorded = history.recordedMillis(c, m, module);
                if (recorded != null) {
                    LOG.debug("[{}] {} is applied, but ending the session failed: {}", module, m.filename(), e.toString());
                    session.ended(false);
                    return recorded;
                }
            }
            throw e;
        }
    }

    private long inJdbcTransaction(Connection c, String body) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = fileStatement(c)) {
            long ms = run(st, body);
            c.commit();
            return ms;
        } catch (SQLException e) {
            rollbackQuietly(c, e);
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Runs the string and returns the value labelled {@link HistoryTable#MILLIS_LABEL} among its results (1 when
     * there is none); gives the session's settings, when among them, to the session.
     */
    private long run(Statement st, String sql) throws SQLException {
        long ms = 1;
        for (boolean isResult = executeAsWritten(st, sql); isResult || st.getUpdateCount() != -1;
                isResult = st.getMoreResults()) {
            if (isResult) {
                try (ResultSet rs = st.getResultSet()) {
                    String label = rs.getMetaData().getColumnLabel(1);
                    if (label.equals(HistoryTable.MILLIS_LABEL) && rs.next()) {
                        ms = rs.getLong(1);
                    } else if (label.equals(ROLE_LABEL) && rs.next()) {
                        startRole = rs.getString(1);
                    } else if (label.equals(MigrationSession.SETTING_LABEL)) {
                        session.read(rs);
                    }
                }
            }
        }
        return ms;
    }

    /**
     * Which statement of a failed transactional file fails (1-based), found by running the session reset and then
     * its statements one by one in a new transaction, which is rolled back; {@code null} when none fails this time.
     */
    private Integer failingStatement(Connection c, Checked file, String reset) {
        List<SqlStatement> statements = file.statements();
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = fileStatement(c)) {
                run(st, reset);
                for (int i = 0; i < statements.size(); i++) {
                    try {
                        executeAsWritten(st, statements.get(i).text());
                    } catch (SQLException e) {
                        return i + 1;
                    }
                }
                return null;
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * A transactional file with its own {@code BEGIN}/{@code COMMIT}: statement by statement, as psql runs a file,
     * inside a JDBC transaction. What ran before the file's own {@code COMMIT} is committed by it and stays when a
     * later statement fails; the failure says so. The history row is written after the last statement, in the
     * transaction then open.
     */
    private long applyWithItsOwnTransactionControl(Connection c, Checked file, String reset) throws Failure {
        String name = file.migration().filename();
        List<SqlStatement> statements = file.statements();
        long start = System.nanoTime();
        try {
            c.setAutoCommit(false);
            try (Statement st = fileStatement(c)) {
                run(st, reset + NOTE_ROLE);
                int committed = 0; // statements 1..committed were committed by the file's own COMMIT
                for (int i = 0; i < statements.size(); i++) {
                    SqlStatement s = statements.get(i);
                    try {
                        executeAsWritten(st, s.text());
                    } catch (SQLException e) {
                        rollbackQuietly(c, e);
                        throw new Failure(ownCommitFailure(name, i + 1, statements.size(), s, committed), i + 1, e);
                    }
                    if (SqlLexer.commitsTransaction(s.text())) {
                        committed = i + 1;
                    }
                }
                long ms = elapsedMillis(start);
                recordWithStartRole(st, file, ms);
                c.commit();
                return ms;
            } catch (SQLException e) {
                rollbackQuietly(c, e);
                throw new Failure("[" + module + "] Migration '" + name + "' could not be run or recorded", null, e);
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new Failure("[" + module + "] Migration '" + name + "' could not be run: the connection failed", null, e);
        }
    }

    /** Writes the history row with the role the file started with (a file's SET ROLE stays with its statements). */
    private void recordWithStartRole(Statement st, Checked file, long ms) throws SQLException {
        run(st, "SELECT pg_catalog.set_config('role', " + HistoryTable.literal(startRole) + ", false);\n"
                + history.insertSql(file.migration(), module, Long.toString(Math.min(Integer.MAX_VALUE, ms))));
    }

    private String ownCommitFailure(String name, int number, int count, SqlStatement s, int committed) {
        StringBuilder sb = new StringBuilder("[").append(module).append("] Migration '").append(name)
                .append("' failed at statement ").append(number).append(" of ").append(count).append(" (line ")
                .append(s.line()).append("): ").append(abbreviate(s.text())).append('\n');
        if (committed == 0) {
            sb.append("It was rolled back");
        } else {
            sb.append("Statements 1..").append(committed).append(" were committed by the file's own COMMIT (statement ")
                    .append(committed).append(") and stay applied");
            if (number - 1 == committed + 1) {
                sb.append("; statement ").append(committed + 1).append(" was rolled back");
            } else if (number - 1 > committed) {
                sb.append("; statements ").append(committed + 1).append("..").append(number - 1)
                        .append(" were rolled back");
            }
        }
        return sb.append("; no history row was written, so the whole file runs again next time")
                .append(committed == 0 ? "" : ": make the part before its COMMIT idempotent or move it to a file of "
                        + "its own")
                .append(". Later files were not applied.").toString();
    }

    /** One statement per round trip in autocommit; earlier statements stay when a later one fails. */
    private long applyStatementByStatement(Connection c, Checked file, String reset) throws Failure {
        String name = file.migration().filename();
        LOG.warn("[{}] {} runs without a transaction: each statement commits on its own, and a failure leaves the "
                + "earlier statements applied", module, name);
        long start = System.nanoTime();
        List<SqlStatement> statements = file.statements();
        try (Statement st = fileStatement(c)) {
            run(st, reset + NOTE_ROLE);
            for (int i = 0; i < statements.size(); i++) {
                SqlStatement s = statements.get(i);
                boolean buildsIndex = SqlLexer.nonTransactionalCommand(s.text()).filter(k -> k.contains("INDEX")).isPresent();
                Set<String> invalidBefore = buildsIndex ? invalidIndexes(c) : Set.of();
                try {
                    executeAsWritten(st, s.text());
                } catch (SQLException e) {
                    throw new Failure(statementFailure(c, name, i + 1, statements.size(), s, buildsIndex,
                            invalidBefore), i + 1, e);
                }
            }
            long ms = elapsedMillis(start);
            recordWithStartRole(st, file, ms);
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

    /**
     * Sends SQL as psql does, with the simple query protocol: nothing is prepared on the server, so a
     * {@code CREATE FUNCTION ... BEGIN ATOMIC ... END;} followed by other statements is not refused as "multiple
     * commands in a prepared statement". PgJDBC chooses the protocol per connection ({@code preferQueryMode}), so
     * the connection is switched to {@code simple} for this call only: then PgJDBC sends the string whole, as one
     * Query message (in extended mode it would cut it with a parser that knows no {@code BEGIN ATOMIC}). Inside a
     * transaction, as here, a failing statement ends the string and fails the transaction.
     */
    private static boolean executeAsWritten(Statement st, String sql) throws SQLException {
        Connection c = st.getConnection();
        if (!c.isWrapperFor(BaseConnection.class) || !st.isWrapperFor(BaseStatement.class)) {
            return st.execute(sql);
        }
        QueryExecutor executor = c.unwrap(BaseConnection.class).getQueryExecutor();
        PreferQueryMode mode = executor.getPreferQueryMode();
        executor.setPreferQueryMode(PreferQueryMode.SIMPLE);
        try {
            return st.unwrap(BaseStatement.class).executeWithFlags(sql, QueryExecutor.QUERY_EXECUTE_AS_SIMPLE);
        } finally {
            executor.setPreferQueryMode(mode);
        }
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
