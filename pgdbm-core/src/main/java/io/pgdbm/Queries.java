package io.pgdbm;

import io.pgdbm.internal.Columns;
import io.pgdbm.internal.Conversions;
import io.pgdbm.internal.RowMapper;
import io.pgdbm.internal.sql.ParsedSql;
import io.pgdbm.internal.sql.SqlLexer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The query methods shared by {@link DatabaseManager} and {@link Transaction}; code that takes a {@code Queries}
 * runs the same inside or outside a transaction.
 *
 * <pre>{@code
 * static void addUser(Queries q, String email) {
 *     q.execute("INSERT INTO {{tables.users}} (email) VALUES ($1)", email);
 * }
 * addUser(db, "a@example.com");                          // autocommit
 * db.useTransaction(tx -> addUser(tx, "b@example.com")); // inside a transaction
 * }</pre>
 *
 * <p>Every SQL string is templated first ({@code {{tables.x}}}, {@code {{schema}}}). Parameters are written
 * either {@code $1, $2 …} (a number may repeat) or JDBC {@code ?}, not both in one statement. With {@code $n}
 * parameters the jsonb operators {@code ?}, {@code ?|}, {@code ?&} can be written as they are; with {@code ?}
 * parameters write them {@code ??}, {@code ??|}, {@code ??&}. SQL without arguments may contain several
 * statements. Every server error becomes a {@link QueryException}.
 *
 * <p>A class rather than an interface so that its behaviour lives in one place; it is sealed: only the
 * manager and transactions implement it.
 */
public abstract sealed class Queries permits DatabaseManager, Transaction {
    private static final int BATCH_CHUNK = 1000;

    Queries() {
    }

    abstract QueryEngine engine();

    abstract Connection borrow();

    abstract void release(Connection connection);

    abstract boolean inTransaction();

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection, Statement statement, String rendered) throws SQLException;
    }

    /** Runs one statement with its arguments bound, reporting the call to listeners and wrapping failures. */
    final <T> T run(String operation, String sql, Object[] args, int maxRows, Work<T> work) {
        Objects.requireNonNull(sql, "sql");
        Object[] arguments = args == null ? new Object[0] : args;
        QueryEngine engine = engine();
        QueryEngine.Prepared cached = engine.prepare(sql);
        String rendered = cached.rendered();
        QueryEngine.Prepared prepared = arguments.length == 0 ? null : cached;
        if (prepared != null && prepared.parsed().argumentCount() != arguments.length) {
            throw new QueryException("[" + engine.name() + "] " + operation + ": the SQL expects "
                    + prepared.parsed().argumentCount() + " argument(s) but " + arguments.length + " were given",
                    rendered, io.pgdbm.internal.Masking.maskArguments(arguments), null);
        }
        long start = System.nanoTime();
        Connection connection = borrow();
        try (Statement statement = prepared == null ? connection.createStatement() : connection.prepareStatement(prepared.parsed().sql())) {
            if (engine.queryTimeoutSeconds() > 0) {
                statement.setQueryTimeout(engine.queryTimeoutSeconds());
            }
            if (maxRows > 0) {
                statement.setMaxRows(maxRows);
            }
            if (prepared != null) {
                bind((PreparedStatement) statement, prepared.parsed(), arguments);
            }
            T result = work.run(connection, statement, rendered);
            engine.notify(operation, rendered, arguments, start, rowsOf(result), null, inTransaction());
            return result;
        } catch (SQLException e) {
            engine.notify(operation, rendered, arguments, start, -1, e, inTransaction());
            throw engine.failure(operation, rendered, arguments, e);
        } finally {
            release(connection);
        }
    }

    private static long rowsOf(Object result) {
        if (result instanceof Long n) {
            return n;
        }
        if (result instanceof List<?> list) {
            return list.size();
        }
        return -1;
    }

    static void bind(PreparedStatement ps, ParsedSql parsed, Object[] args) throws SQLException {
        int[] order = parsed.parameterOrder();
        for (int i = 0; i < order.length; i++) {
            Columns.bind(ps, i + 1, args[order[i]]);
        }
    }

    /** Runs a statement (or, without arguments, a script of several); returns the rows affected, summed. */
    public final long execute(String sql, Object... args) {
        return run("execute", sql, args, 0, (c, st, rendered) -> {
            if (st instanceof PreparedStatement ps) {
                return ps.execute() ? 0L : Math.max(ps.getUpdateCount(), 0);
            }
            long affected = 0;
            boolean isResult = st.execute(rendered);
            while (true) {
                int count = st.getUpdateCount();
                if (!isResult && count == -1) {
                    return affected;
                }
                if (count > 0) {
                    affected += count;
                }
                isResult = st.getMoreResults();
            }
        });
    }

    /**
     * Runs one statement for each argument array as JDBC batches of 1,000, atomically (inside the current
     * transaction, or its own). Returns the rows affected.
     */
    public final long executeMany(String sql, List<? extends Object[]> argsList) {
        Objects.requireNonNull(argsList, "argsList");
        if (argsList.isEmpty()) {
            return 0;
        }
        QueryEngine.Prepared prepared = engine().prepare(sql);
        if (prepared.parsed().argumentCount() == 0) {
            throw new QueryException("[" + engine().name() + "] executeMany needs a statement with parameters ($1 or ?),"
                    + " one argument array per execution; run a statement without parameters with execute",
                    prepared.rendered(), null, null);
        }
        Object[] first = argsList.get(0);
        return run("executeMany", sql, first, 0, (c, firstStatement, rendered) -> {
            PreparedStatement ps = (PreparedStatement) firstStatement;
            boolean ownTransaction = c.getAutoCommit();
            if (ownTransaction) {
                c.setAutoCommit(false);
            }
            try {
                long affected = 0;
                int inBatch = 0;
                for (Object[] args : argsList) {
                    if (args.length != prepared.parsed().argumentCount()) {
                        throw new SQLException("every argument array must have " + prepared.parsed().argumentCount()
                                + " values; one has " + args.length, "22023");
                    }
                    bind(ps, prepared.parsed(), args);
                    ps.addBatch();
                    if (++inBatch == BATCH_CHUNK) {
                        affected += sum(ps.executeBatch());
                        inBatch = 0;
                    }
                }
                if (inBatch > 0) {
                    affected += sum(ps.executeBatch());
                }
                if (ownTransaction) {
                    c.commit();
                }
                return affected;
            } catch (SQLException | RuntimeException e) {
                if (ownTransaction) {
                    c.rollback();
                }
                if (e instanceof java.sql.BatchUpdateException batch) {
                    throw io.pgdbm.internal.Masking.redactBatch(batch, argsList);
                }
                throw e;
            } finally {
                if (ownTransaction) {
                    c.setAutoCommit(true);
                }
            }
        });
    }

    private static long sum(int[] counts) {
        long total = 0;
        for (int n : counts) {
            total += n == Statement.SUCCESS_NO_INFO ? 1 : Math.max(n, 0);
        }
        return total;
    }

    /** All rows. */
    public final List<Row> fetchAll(String sql, Object... args) {
        return run("fetchAll", sql, args, 0, (c, st, rendered) -> {
            try (ResultSet rs = resultOf(st, rendered)) {
                Columns columns = Columns.of(rs);
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new Row(columns.labels(), columns.index(), columns.read(rs)));
                }
                return rows;
            }
        });
    }

    /** The first row, if any; further rows are not fetched. */
    public final Optional<Row> fetchOne(String sql, Object... args) {
        return run("fetchOne", sql, args, 1, (c, st, rendered) -> {
            try (ResultSet rs = resultOf(st, rendered)) {
                Columns columns = Columns.of(rs);
                return rs.next() ? Optional.of(new Row(columns.labels(), columns.index(), columns.read(rs))) : Optional.empty();
            }
        });
    }

    /** The first column of the first row, or {@code null} when there is no row. */
    public final Object fetchValue(String sql, Object... args) {
        return run("fetchValue", sql, args, 1, (c, st, rendered) -> {
            try (ResultSet rs = resultOf(st, rendered)) {
                return rs.next() ? Columns.of(rs).read(rs, 0) : null;
            }
        });
    }

    /** The first column of the first row converted to {@code type}, or {@code null} when there is no row. */
    public final <T> T fetchValue(Class<T> type, String sql, Object... args) {
        Object value = fetchValue(sql, args);
        try {
            return Conversions.convert(value, type);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new QueryException("[" + engine().name() + "] fetchValue: " + e.getMessage(), engine().render(sql), null, null);
        }
    }

    /**
     * The first row mapped to {@code type}: a record (components matched to columns by name, {@code snake_case}
     * columns to {@code camelCase} components), a bean with setters, or a single-column value type.
     */
    public final <T> Optional<T> fetchOne(Class<T> type, String sql, Object... args) {
        return run("fetchOne", sql, args, 1, (c, st, rendered) -> {
            try (ResultSet rs = resultOf(st, rendered)) {
                Columns columns = Columns.of(rs);
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(RowMapper.forType(type, columns.labels()).map(columns.read(rs)));
            }
        });
    }

    /** All rows mapped to {@code type}, as {@link #fetchOne(Class, String, Object...)} maps one. */
    public final <T> List<T> fetchAll(Class<T> type, String sql, Object... args) {
        return run("fetchAll", sql, args, 0, (c, st, rendered) -> {
            try (ResultSet rs = resultOf(st, rendered)) {
                Columns columns = Columns.of(rs);
                RowMapper<T> mapper = RowMapper.forType(type, columns.labels());
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(columns.read(rs)));
                }
                return rows;
            }
        });
    }

    /**
     * Runs an INSERT and returns the generated {@code id}: {@code RETURNING id} is appended when the statement has
     * no {@code RETURNING} clause of its own (a trailing {@code ;} is fine); otherwise the first returned column.
     */
    public final Object executeAndReturnId(String sql, Object... args) {
        String statement = SqlLexer.stripTrailingTerminators(Objects.requireNonNull(sql, "sql"));
        if (!SqlLexer.containsKeyword(statement, "RETURNING")) {
            statement = statement + " RETURNING id";
        }
        return fetchValue(statement, args);
    }

    private static ResultSet resultOf(Statement st, String rendered) throws SQLException {
        if (st instanceof PreparedStatement ps) {
            return ps.executeQuery();
        }
        return st.executeQuery(rendered);
    }
}
