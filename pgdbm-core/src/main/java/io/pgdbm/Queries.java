package io.pgdbm;

import io.pgdbm.internal.Columns;
import io.pgdbm.internal.Masking;
import io.pgdbm.internal.TypeMapper;
import io.pgdbm.internal.sql.NamedSql;
import io.pgdbm.internal.sql.ParsedSql;
import io.pgdbm.internal.sql.SqlLexer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

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
 *
 * List<User> users = db.fetchAll(User.class, "SELECT id, email FROM {{tables.users}} WHERE active");
 * User one = db.fetchSingle(User.class, "SELECT id, email FROM {{tables.users}} WHERE email = :email",
 *         Params.of("email", "a@example.com"));
 * try (Stream<Row> rows = db.fetchStream("SELECT * FROM {{tables.events}}")) {
 *     rows.forEach(this::export);
 * }
 * }</pre>
 *
 * <p>Every SQL string is templated first ({@code {{tables.x}}}, {@code {{schema}}}). Arguments are bound in one of
 * three ways, one per statement: PostgreSQL {@code $1, $2 …} (a number may repeat: it stays one server parameter,
 * typed from all its uses as by {@code PREPARE}), JDBC {@code ?}, or {@code :name} with a single {@link Params}
 * argument. <b>The {@code ?} rule</b>: {@code ??} is always the jsonb operator {@code ?} (and {@code ??|},
 * {@code ??&} are {@code ?|}, {@code ?&}); a single {@code ?} is a placeholder only in a statement given
 * positional arguments and written without {@code $n} — everywhere else (no arguments, {@code $n}, {@code :name})
 * it is the operator. SQL without arguments may contain several statements. Every server error becomes a
 * {@link QueryException}; a row that cannot be mapped, a {@link MappingException}.
 *
 * <p>Result shapes: {@code fetchOne} gives the first row if any (further rows are ignored), {@code fetchSingle}
 * exactly one row (none or several is a {@link ResultSizeException}), {@code fetchAll} a list, {@code fetchStream}
 * a lazily fetched stream. Each comes as {@link Row}s, mapped to a record/bean/value class, or through a
 * {@link RowMapper}.
 *
 * <p>A class rather than an interface so that its behaviour lives in one place; it is sealed: only the
 * manager and transactions implement it.
 */
public abstract sealed class Queries permits DatabaseManager, Transaction {
    private static final int BATCH_CHUNK = 1000;
    private static final Object[] NO_ARGUMENTS = new Object[0];

    Queries() {
    }

    abstract QueryEngine engine();

    abstract Connection borrow();

    abstract void release(Connection connection);

    abstract boolean inTransaction();

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection, Statement statement, Call call) throws SQLException;
    }

    /** A statement ready to run: templated, its parameters in JDBC form ({@code null}: a plain script), its arguments. */
    record Call(QueryEngine.Prepared prepared, ParsedSql parsed, Object[] arguments) {
        String rendered() {
            return prepared.rendered();
        }

        /** The result's columns, described once per query shape (see {@link QueryEngine.Prepared#columns}). */
        Columns columns(ResultSet rs) throws SQLException {
            return prepared.columns(rs);
        }
    }

    final Call call(String operation, String sql, Object[] args) {
        Objects.requireNonNull(sql, "sql");
        QueryEngine engine = engine();
        QueryEngine.Prepared prepared = engine.prepare(sql);
        String rendered = prepared.rendered();
        if (args == null || args.length == 0) {
            return new Call(prepared, null, NO_ARGUMENTS);
        }
        if (args.length == 1 && args[0] instanceof Params params) {
            NamedSql named = prepared.named();
            try {
                return new Call(prepared, named.parsed(), params.values(named.names()));
            } catch (IllegalArgumentException e) {
                throw new QueryException("[" + engine.name() + "] " + operation + ": " + e.getMessage(), rendered,
                        params.toString(), null);
            }
        }
        ParsedSql parsed = prepared.parsed();
        if (parsed.argumentCount() != args.length) {
            throw new QueryException("[" + engine.name() + "] " + operation + ": the SQL expects "
                    + parsed.argumentCount() + " argument(s) but " + args.length + " were given"
                    + (args.length == 1 && args[0] instanceof Map ? " (to bind :name parameters from a Map, pass Params.from(map))" : ""),
                    rendered, Masking.maskArguments(args), null);
        }
        return new Call(prepared, parsed, args);
    }

    /** Runs one statement with its arguments bound, reporting the call to listeners and wrapping failures. */
    final <T> T run(String operation, String sql, Object[] args, int maxRows, Work<T> work) {
        Call call = call(operation, sql, args);
        QueryEngine engine = engine();
        long start = System.nanoTime();
        Connection connection = borrow();
        try (Statement statement = open(connection, call)) {
            if (maxRows > 0) {
                statement.setMaxRows(maxRows);
            }
            T result = work.run(connection, statement, call);
            engine.notify(operation, call.rendered(), call.arguments(), start, rowsOf(result), null, inTransaction());
            return result;
        } catch (SQLException e) {
            engine.notify(operation, call.rendered(), call.arguments(), start, -1, e, inTransaction());
            throw engine.failure(operation, call.rendered(), call.arguments(), e);
        } finally {
            release(connection);
        }
    }

    /** A statement for the call on {@code connection}, its arguments bound. */
    final Statement open(Connection connection, Call call) throws SQLException {
        Statement statement;
        if (call.parsed() == null) {
            statement = connection.createStatement();
        } else {
            PreparedStatement ps = connection.prepareStatement(call.parsed().sql());
            statement = ps;
            try {
                bind(ps, call.parsed(), call.arguments());
            } catch (SQLException | RuntimeException e) {
                ps.close();
                throw e;
            }
        }
        if (engine().queryTimeoutSeconds() > 0) {
            statement.setQueryTimeout(engine().queryTimeoutSeconds());
        }
        return statement;
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
        for (int i = 0, n = parsed.placeholderCount(); i < n; i++) {
            Columns.bind(ps, i + 1, args[parsed.argumentIndex(i)]);
        }
    }

    /** Runs a statement (or, without arguments, a script of several); returns the rows affected, summed. */
    public final long execute(String sql, Object... args) {
        return run("execute", sql, args, 0, (c, st, call) -> {
            if (st instanceof PreparedStatement ps) {
                return ps.execute() ? 0L : Math.max(ps.getUpdateCount(), 0);
            }
            long affected = 0;
            boolean isResult = st.execute(call.rendered());
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
     * transaction, or its own). Returns the rows affected. Parameters are positional ({@code $n} or {@code ?}); a
     * repeated {@code $n} is bound at each use, since batches are rewritten into multi-row inserts.
     */
    public final long executeMany(String sql, List<? extends Object[]> argsList) {
        Objects.requireNonNull(argsList, "argsList");
        if (argsList.isEmpty()) {
            return 0;
        }
        QueryEngine.Prepared prepared = engine().prepare(sql);
        ParsedSql parsed = prepared.parsed();
        if (parsed.argumentCount() == 0) {
            throw new QueryException("[" + engine().name() + "] executeMany needs a statement with parameters ($1 or ?),"
                    + " one argument array per execution; run a statement without parameters with execute",
                    prepared.rendered(), null, null);
        }
        // the statement is prepared here rather than by run(): a batch binds every occurrence of a parameter
        return run("executeMany", sql, null, 0, (c, unused, call) -> {
            boolean ownTransaction = c.getAutoCommit();
            if (ownTransaction) {
                c.setAutoCommit(false);
            }
            try (PreparedStatement ps = c.prepareStatement(parsed.batchSql())) {
                if (engine().queryTimeoutSeconds() > 0) {
                    ps.setQueryTimeout(engine().queryTimeoutSeconds());
                }
                long affected = 0;
                int inBatch = 0;
                for (Object[] args : argsList) {
                    if (args.length != parsed.argumentCount()) {
                        throw new SQLException("every argument array must have " + parsed.argumentCount()
                                + " values; one has " + args.length, "22023");
                    }
                    for (int i = 0, n = parsed.batchPlaceholderCount(); i < n; i++) {
                        Columns.bind(ps, i + 1, args[parsed.batchArgumentIndex(i)]);
                    }
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
                    throw Masking.redactBatch(batch, argsList);
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

    // ---- reading: every result shape is one of three readers (rows, a class, a RowMapper) and one of four collectors

    /** Reads the current row of a result whose columns are known. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Makes a reader once the result's columns are known. */
    @FunctionalInterface
    interface ReaderFactory<T> {
        Reader<T> create(Columns columns);
    }

    private static final ReaderFactory<Row> ROWS = columns -> rs -> new Row(columns, columns.read(rs));

    private static <T> ReaderFactory<T> typed(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return columns -> {
            TypeMapper<T> mapper = TypeMapper.forType(type, columns);
            return rs -> mapper.read(rs, columns);
        };
    }

    private static <T> ReaderFactory<T> mapped(RowMapper<T> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return columns -> rs -> mapper.map(new Row(columns, columns.read(rs)));
    }

    private <T> List<T> all(String operation, ReaderFactory<T> factory, String sql, Object[] args) {
        return run(operation, sql, args, 0, (c, st, call) -> {
            try (ResultSet rs = resultOf(st, call.rendered())) {
                Reader<T> reader = factory.create(call.columns(rs));
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
                return rows;
            }
        });
    }

    private <T> Optional<T> first(String operation, ReaderFactory<T> factory, String sql, Object[] args) {
        return run(operation, sql, args, 1, (c, st, call) -> {
            try (ResultSet rs = resultOf(st, call.rendered())) {
                Columns columns = call.columns(rs);
                return rs.next() ? Optional.ofNullable(factory.create(columns).read(rs)) : Optional.empty();
            }
        });
    }

    private <T> T single(String operation, ReaderFactory<T> factory, String sql, Object[] args) {
        return run(operation, sql, args, 2, (c, st, call) -> {
            try (ResultSet rs = resultOf(st, call.rendered())) {
                Columns columns = call.columns(rs);
                if (!rs.next()) {
                    throw new ResultSizeException("[" + engine().name() + "] " + operation
                            + " expected exactly one row but the query returned none (use fetchOne for an optional row)",
                            call.rendered(), 0);
                }
                T value = factory.create(columns).read(rs);
                if (rs.next()) {
                    throw new ResultSizeException("[" + engine().name() + "] " + operation
                            + " expected exactly one row but the query returned more (narrow the WHERE clause, or use"
                            + " fetchOne for the first row)", call.rendered(), 2);
                }
                return value;
            }
        });
    }

    private <T> Stream<T> stream(String operation, ReaderFactory<T> factory, String sql, Object[] args) {
        Call call = call(operation, sql, args);
        return RowStream.open(this, operation, call, factory);
    }

    /** All rows. */
    public final List<Row> fetchAll(String sql, Object... args) {
        // the most used read has a loop of its own, so the JIT compiles the row read into it (see all())
        return run("fetchAll", sql, args, 0, (c, st, call) -> {
            try (ResultSet rs = resultOf(st, call.rendered())) {
                Columns columns = call.columns(rs);
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new Row(columns, columns.read(rs)));
                }
                return rows;
            }
        });
    }

    /** All rows mapped to {@code type}, as {@link #fetchOne(Class, String, Object...)} maps one. */
    public final <T> List<T> fetchAll(Class<T> type, String sql, Object... args) {
        return all("fetchAll", typed(type), sql, args);
    }

    /** All rows, each turned into a value by {@code mapper}. */
    public final <T> List<T> fetchAll(RowMapper<T> mapper, String sql, Object... args) {
        return all("fetchAll", mapped(mapper), sql, args);
    }

    /** The first row, if any; further rows are not fetched. */
    public final Optional<Row> fetchOne(String sql, Object... args) {
        return first("fetchOne", ROWS, sql, args);
    }

    /**
     * The first row mapped to {@code type}: a record (components matched to columns by name, {@code snake_case}
     * columns to {@code camelCase} components), a bean with setters, or a single-column value type (a json column
     * read into another type goes through Jackson, see {@link Json}). The mapper is built once per (type, columns).
     */
    public final <T> Optional<T> fetchOne(Class<T> type, String sql, Object... args) {
        return first("fetchOne", typed(type), sql, args);
    }

    /** The first row turned into a value by {@code mapper}; empty when there is no row or the mapper returns null. */
    public final <T> Optional<T> fetchOne(RowMapper<T> mapper, String sql, Object... args) {
        return first("fetchOne", mapped(mapper), sql, args);
    }

    /**
     * The only row: a query that returns no row or more than one fails with {@link ResultSizeException} (as Jdbi's
     * {@code one()} and JdbcClient's {@code single()}); at most two rows are fetched.
     */
    public final Row fetchSingle(String sql, Object... args) {
        return single("fetchSingle", ROWS, sql, args);
    }

    /** The only row mapped to {@code type}; see {@link #fetchSingle(String, Object...)}. */
    public final <T> T fetchSingle(Class<T> type, String sql, Object... args) {
        return single("fetchSingle", typed(type), sql, args);
    }

    /** The only row turned into a value by {@code mapper}; see {@link #fetchSingle(String, Object...)}. */
    public final <T> T fetchSingle(RowMapper<T> mapper, String sql, Object... args) {
        return single("fetchSingle", mapped(mapper), sql, args);
    }

    /**
     * The rows as a lazily fetched stream, for results too large to hold: a server-side cursor reads
     * 1,000 rows at a time on one connection, which stays borrowed until the stream is
     * closed. <b>Close it</b>, with try-with-resources:
     *
     * <pre>{@code
     * try (Stream<Row> rows = db.fetchStream("SELECT * FROM {{tables.events}} WHERE at > $1", since)) {
     *     rows.map(r -> r.getString("payload")).forEach(out::println);
     * }
     * }</pre>
     *
     * <p>On the manager, the statement runs in its own read transaction (PostgreSQL cursors need one), committed
     * on close; on a {@link Transaction} it runs in that transaction and must be closed before the body returns.
     * Reaching the end of the rows releases the connection too, but a stream abandoned midway holds it until it is
     * closed. A failure while fetching is a {@link QueryException}; the connection is released at once.
     */
    public final Stream<Row> fetchStream(String sql, Object... args) {
        return stream("fetchStream", ROWS, sql, args);
    }

    /** {@link #fetchStream(String, Object...)} with each row mapped to {@code type}. */
    public final <T> Stream<T> fetchStream(Class<T> type, String sql, Object... args) {
        return stream("fetchStream", typed(type), sql, args);
    }

    /** {@link #fetchStream(String, Object...)} with each row turned into a value by {@code mapper}. */
    public final <T> Stream<T> fetchStream(RowMapper<T> mapper, String sql, Object... args) {
        return stream("fetchStream", mapped(mapper), sql, args);
    }

    /** The first column of the first row, or {@code null} when there is no row. */
    public final Object fetchValue(String sql, Object... args) {
        return run("fetchValue", sql, args, 1, (c, st, call) -> {
            try (ResultSet rs = resultOf(st, call.rendered())) {
                return rs.next() ? call.columns(rs).read(rs, 0) : null;
            }
        });
    }

    /**
     * The first column of the first row converted to {@code type}, or {@code null} when there is no row; a json
     * column read into another type than {@code String} goes through Jackson.
     */
    public final <T> T fetchValue(Class<T> type, String sql, Object... args) {
        Objects.requireNonNull(type, "type");
        return run("fetchValue", sql, args, 1, (c, st, call) -> {
            try (ResultSet rs = resultOf(st, call.rendered())) {
                if (!rs.next()) {
                    return null;
                }
                Columns columns = call.columns(rs);
                return TypeMapper.forType(type, columns).map(new Object[] {columns.read(rs, 0)});
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

    /**
     * Runs plain JDBC on a connection lent for the body: the manager borrows one from the pool and takes it back
     * when the body ends (so it cannot leak); a transaction lends its own. The body's checked exception type is
     * this method's. See {@link ConnectionCallback}.
     */
    public final <R, X extends Exception> R withConnection(ConnectionCallback<R, X> body) throws X {
        Objects.requireNonNull(body, "body");
        Connection connection = borrow();
        try {
            return body.apply(connection);
        } finally {
            release(connection);
        }
    }

    static ResultSet resultOf(Statement st, String rendered) throws SQLException {
        if (st instanceof PreparedStatement ps) {
            return ps.executeQuery();
        }
        return st.executeQuery(rendered);
    }
}
