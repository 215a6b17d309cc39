package io.pgdbm.internal.sql;

import java.util.Arrays;
import java.util.Objects;

/**
 * SQL converted to JDBC form, and how the caller's arguments bind to its placeholders.
 *
 * <p>Placeholder {@code i} (0-based, in the order of the {@code ?} in {@link #sql()}) is bound to
 * {@code args[parameterOrder[i]]}; the caller must pass exactly {@link #argumentCount()} arguments. A {@code $n}
 * used again in the same statement is not a new placeholder: it stays a server parameter ({@code $k}, numbered as
 * PgJDBC numbers the statement's placeholders), so the server infers one type from every use, as its own
 * {@code PREPARE} does.
 * <pre>{@code
 * ParsedSql parsed = SqlLexer.parse("SELECT * FROM t WHERE 'a' = $1 OR $1 IS NULL");
 * // parsed.sql()            -> "SELECT * FROM t WHERE 'a' = ? OR $1 IS NULL"
 * // parsed.parameterOrder() -> {0}
 * // parsed.batchSql()       -> "SELECT * FROM t WHERE 'a' = ? OR ? IS NULL"
 * // parsed.batchOrder()     -> {0, 0}
 * for (int i = 0; i < parsed.placeholderCount(); i++) {
 *     statement.setObject(i + 1, args[parsed.argumentIndex(i)]);
 * }
 * }</pre>
 *
 * <p>The batch form binds every occurrence separately, because PgJDBC's rewriting of batched inserts
 * ({@code reWriteBatchedInserts}) only renumbers {@code ?} placeholders. Immutable and thread-safe: the arrays are
 * copied on the way in and on the way out.
 *
 * @param sql            the SQL to give to PgJDBC's {@code prepareStatement}
 * @param parameterOrder for each JDBC placeholder, the 0-based index of the caller's argument bound to it
 * @param argumentCount  how many arguments the caller must pass
 * @param batchSql       the SQL for a JDBC batch: one placeholder per occurrence
 * @param batchOrder     for each placeholder of {@code batchSql}, the argument bound to it
 */
public record ParsedSql(String sql, int[] parameterOrder, int argumentCount, String batchSql, int[] batchOrder) {

    /** Copies the arrays and checks that every entry names one of the arguments. */
    public ParsedSql {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(batchSql, "batchSql");
        parameterOrder = Objects.requireNonNull(parameterOrder, "parameterOrder").clone();
        batchOrder = Objects.requireNonNull(batchOrder, "batchOrder").clone();
        if (argumentCount < 0) {
            throw new IllegalArgumentException("argumentCount must not be negative, was " + argumentCount);
        }
        check(parameterOrder, argumentCount);
        check(batchOrder, argumentCount);
    }

    /** SQL whose placeholders each bind one argument, the same in both forms. */
    public ParsedSql(String sql, int[] parameterOrder, int argumentCount) {
        this(sql, parameterOrder, argumentCount, sql, parameterOrder);
    }

    private static void check(int[] order, int argumentCount) {
        for (int index : order) {
            if (index < 0 || index >= argumentCount) {
                throw new IllegalArgumentException("parameter order " + Arrays.toString(order)
                        + " refers to argument " + index + " but argumentCount is " + argumentCount);
            }
        }
    }

    /** A copy of the argument index bound at each placeholder; see {@link #argumentIndex(int)} to avoid it. */
    @Override
    public int[] parameterOrder() {
        return parameterOrder.clone();
    }

    /** A copy of the argument index bound at each placeholder of {@link #batchSql()}. */
    @Override
    public int[] batchOrder() {
        return batchOrder.clone();
    }

    /** Number of JDBC placeholders in {@link #sql()}. */
    public int placeholderCount() {
        return parameterOrder.length;
    }

    /** The 0-based index of the caller's argument bound at the 0-based JDBC placeholder {@code placeholder}. */
    public int argumentIndex(int placeholder) {
        return parameterOrder[placeholder];
    }

    /** Number of JDBC placeholders in {@link #batchSql()}. */
    public int batchPlaceholderCount() {
        return batchOrder.length;
    }

    /** The argument bound at the 0-based placeholder {@code placeholder} of {@link #batchSql()}. */
    public int batchArgumentIndex(int placeholder) {
        return batchOrder[placeholder];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParsedSql that
                && argumentCount == that.argumentCount
                && sql.equals(that.sql)
                && batchSql.equals(that.batchSql)
                && Arrays.equals(parameterOrder, that.parameterOrder)
                && Arrays.equals(batchOrder, that.batchOrder);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * sql.hashCode() + Arrays.hashCode(parameterOrder)) + argumentCount) + batchSql.hashCode();
    }

    @Override
    public String toString() {
        return "ParsedSql[sql=" + sql + ", parameterOrder=" + Arrays.toString(parameterOrder)
                + ", argumentCount=" + argumentCount + "]";
    }
}
