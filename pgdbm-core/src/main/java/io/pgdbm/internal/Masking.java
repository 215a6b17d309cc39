package io.pgdbm.internal;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;

/** Renders query arguments for messages and logs without revealing secrets. */
public final class Masking {
    private Masking() {
    }

    /**
     * {@code (42, 'short', <str:37 chars>, <bytes:16 bytes>)}: strings over 20 characters and binary values are
     * never shown; other values are shown as they are.
     */
    public static String maskArguments(Object[] args) {
        if (args == null || args.length == 0) {
            return "";
        }
        StringJoiner joiner = new StringJoiner(", ", "(", ")");
        for (Object arg : args) {
            joiner.add(maskValue(arg));
        }
        return joiner.toString();
    }

    public static String maskValue(Object arg) {
        if (arg == null) {
            return "NULL";
        }
        if (arg instanceof CharSequence s) {
            return s.length() > 20 ? "<str:" + s.length() + " chars>" : "'" + s + "'";
        }
        if (arg instanceof byte[] b) {
            return "<bytes:" + b.length + " bytes>";
        }
        if (arg.getClass().isArray()) {
            return "<array:" + java.lang.reflect.Array.getLength(arg) + " elements>";
        }
        return String.valueOf(arg);
    }

    /**
     * {@code e} itself, or — when its message repeats an argument that {@link #maskValue(Object)} hides (PostgreSQL
     * quotes bad input: {@code invalid input syntax for type integer: "..."}) — a copy with those values replaced by
     * their masked form, the same SQLState and stack, and without the original (whose message would still show them).
     */
    public static SQLException redact(SQLException e, Object[] args) {
        String message = e.getMessage();
        if (message == null || args == null) {
            return e;
        }
        String redacted = redactText(message, args);
        return redacted.equals(message) ? e : copy(e, redacted, e.getSQLState());
    }

    /**
     * A failed JDBC batch as an exception that shows no row's values: the driver's message repeats the whole batch
     * with every value inlined, so only the server's error is kept, masked against every row's arguments.
     */
    public static SQLException redactBatch(BatchUpdateException e, List<? extends Object[]> rows) {
        SQLException server = e.getNextException();
        String message = "a statement of the batch failed: "
                + (server != null && server.getMessage() != null ? server.getMessage() : "(no server message)");
        for (Object[] row : rows) {
            message = redactText(message, row);
        }
        return copy(e, message, server != null && server.getSQLState() != null ? server.getSQLState() : e.getSQLState());
    }

    private static String redactText(String text, Object[] args) {
        String out = text;
        for (Object arg : args) {
            if (arg instanceof CharSequence s && s.length() > 20) {
                out = out.replace(s.toString(), maskValue(s));
            }
        }
        return out;
    }

    private static SQLException copy(SQLException e, String message, String sqlState) {
        SQLException copy = new SQLException(message, sqlState, e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
