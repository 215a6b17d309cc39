package io.pgdbm.internal.sql;

import java.util.Objects;

/**
 * One statement of a script, as returned by {@link SqlLexer#splitStatements(String)}.
 *
 * <pre>{@code
 * for (SqlStatement statement : SqlLexer.splitStatements(script)) {
 *     run(statement.text()); // on failure, report "statement at line " + statement.line()
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param text the statement, trimmed, with the comments that precede it and its terminating {@code ;} if it
 *             had one
 * @param line 1-based line of the script on which the statement's first token (not whitespace, not a
 *             comment) starts
 */
public record SqlStatement(String text, int line) {

    /** Checks that {@code text} is present and {@code line} is 1-based. */
    public SqlStatement {
        Objects.requireNonNull(text, "text");
        if (line < 1) {
            throw new IllegalArgumentException("line is 1-based, was " + line);
        }
    }
}
