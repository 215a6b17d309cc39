package io.pgdbm.internal;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Replaces every hidden argument the text repeats: verbatim, in another case (the server lower-cases some
     * values it echoes), and as a quoted or bracketed fragment of at least 8 characters that is part of one (the
     * server cuts long values it echoes, and {@code Key (email)=(...)} details show a column's value).
     */
    private static String redactText(String text, Object[] args) {
        String out = text;
        List<String> hidden = new java.util.ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof CharSequence s && s.length() > 20) {
                hidden.add(s.toString().toLowerCase(java.util.Locale.ROOT));
                out = Pattern.compile(Pattern.quote(s.toString()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                        .matcher(out).replaceAll(java.util.regex.Matcher.quoteReplacement(maskValue(s)));
            }
        }
        if (hidden.isEmpty()) {
            return out;
        }
        Matcher m = ECHOED.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String fragment = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            String lower = fragment.toLowerCase(java.util.Locale.ROOT);
            boolean secret = hidden.stream().anyMatch(h -> h.contains(lower));
            m.appendReplacement(sb, Matcher.quoteReplacement(secret ? m.group(1).replace(fragment, "<hidden>") : m.group(1)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static final Pattern ECHOED = Pattern.compile("(\"([^\"]{8,})\"|'([^']{8,})'|\\(([^()]{8,})\\))");

    private static SQLException copy(SQLException e, String message, String sqlState) {
        SQLException copy = new SQLException(message, sqlState, e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
