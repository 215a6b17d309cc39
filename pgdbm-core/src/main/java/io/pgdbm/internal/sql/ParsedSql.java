package io.pgdbm.internal.sql;

import java.util.Arrays;
import java.util.Objects;

/**
 * SQL converted to JDBC form, and how the caller's arguments bind to its placeholders.
 *
 * <p>Placeholder {@code i} (0-based, in the order of the {@code ?} in {@link #sql()}) is bound to
 * {@code args[parameterOrder[i]]}; the caller must pass exactly {@link #argumentCount()} arguments.
 * <pre>{@code
 * ParsedSql parsed = SqlLexer.parse("SELECT * FROM t WHERE a = $1 OR b = $1");
 * // parsed.sql()            -> "SELECT * FROM t WHERE a = ? OR b = ?"
 * // parsed.parameterOrder() -> {0, 0}
 * // parsed.argumentCount()  -> 1
 * for (int i = 0; i < parsed.placeholderCount(); i++) {
 *     statement.setObject(i + 1, args[parsed.argumentIndex(i)]);
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe: the array is copied on the way in and on the way out.
 *
 * @param sql            the SQL to give to PgJDBC's {@code prepareStatement}
 * @param parameterOrder for each JDBC placeholder, the 0-based index of the caller's argument bound to it
 * @param argumentCount  how many arguments the caller must pass
 */
public record ParsedSql(String sql, int[] parameterOrder, int argumentCount) {

    /** Copies {@code parameterOrder} and checks that every entry names one of the arguments. */
    public ParsedSql {
        Objects.requireNonNull(sql, "sql");
        parameterOrder = Objects.requireNonNull(parameterOrder, "parameterOrder").clone();
        if (argumentCount < 0) {
            throw new IllegalArgumentException("argumentCount must not be negative, was " + argumentCount);
        }
        for (int index : parameterOrder) {
            if (index < 0 || index >= argumentCount) {
                throw new IllegalArgumentException("parameterOrder " + Arrays.toString(parameterOrder)
                        + " refers to argument " + index + " but argumentCount is " + argumentCount);
            }
        }
    }

    /** A copy of the argument index bound at each placeholder; see {@link #argumentIndex(int)} to avoid it. */
    @Override
    public int[] parameterOrder() {
        return parameterOrder.clone();
    }

    /** Number of JDBC placeholders in {@link #sql()}. */
    public int placeholderCount() {
        return parameterOrder.length;
    }

    /** The 0-based index of the caller's argument bound at the 0-based JDBC placeholder {@code placeholder}. */
    public int argumentIndex(int placeholder) {
        return parameterOrder[placeholder];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParsedSql that
                && argumentCount == that.argumentCount
                && sql.equals(that.sql)
                && Arrays.equals(parameterOrder, that.parameterOrder);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * sql.hashCode() + Arrays.hashCode(parameterOrder)) + argumentCount;
    }

    @Override
    public String toString() {
        return "ParsedSql[sql=" + sql + ", parameterOrder=" + Arrays.toString(parameterOrder)
                + ", argumentCount=" + argumentCount + "]";
    }
}
