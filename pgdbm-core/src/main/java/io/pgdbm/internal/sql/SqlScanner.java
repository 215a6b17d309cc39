package io.pgdbm.internal.sql;

/**
 * Splits SQL into tokens that are just fine enough to tell code from literals and comments, following
 * PostgreSQL's lexer with {@code standard_conforming_strings = on}.
 *
 * <p>Used as a cursor, so scanning allocates nothing per token:
 * <pre>{@code
 * SqlScanner scanner = new SqlScanner(sql);
 * while (scanner.next()) {
 *     if (scanner.kind() == SqlScanner.Kind.WORD) { ... scanner.start() ... scanner.end() ... }
 * }
 * }</pre>
 *
 * <p>An instance is mutable and must stay confined to one thread; every public function of this package
 * creates its own. An unterminated literal, quoted identifier or comment extends to the end of the input
 * instead of failing: the server reports such SQL with a better message than we could.
 */
final class SqlScanner {

    /** What a token is. Everything that is not listed is a one-character {@link #OTHER} token. */
    enum Kind {
        WHITESPACE,
        LINE_COMMENT,
        /** {@code /* ... *}{@code /}, nested to any depth. */
        BLOCK_COMMENT,
        /** {@code '...'} with {@code ''} escapes, or {@code E'...'} that also has backslash escapes. */
        STRING,
        /** {@code "..."} with {@code ""} escapes. */
        QUOTED_IDENTIFIER,
        /** {@code $tag$ ... $tag$}, tag empty or {@code [A-Za-z_][A-Za-z0-9_]*}. */
        DOLLAR_QUOTED,
        /** A keyword, identifier or number: a run of letters, digits, {@code _} and (not first) {@code $}. */
        WORD,
        /** {@code $1}, {@code $2}, ... */
        PARAMETER,
        /** {@code :name}, a named parameter when the caller binds by name; never part of a {@code ::} cast. */
        NAMED_PARAMETER,
        /** A single {@code ?}. */
        QUESTION_MARK,
        /** {@code ??}, PgJDBC's escape for a {@code ?} operator; pairs are taken left to right. */
        ESCAPED_QUESTION_MARK,
        SEMICOLON,
        OTHER;

        /** Whether a token of this kind is neither whitespace nor a comment. */
        boolean isSignificant() {
            return this != WHITESPACE && this != LINE_COMMENT && this != BLOCK_COMMENT;
        }
    }

    private final String sql;
    private final int length;
    private Kind kind;
    private int start;
    private int end;

    SqlScanner(String sql) {
        this.sql = sql;
        this.length = sql.length();
    }

    /** Advances to the next token; false at the end of the input. */
    boolean next() {
        if (end >= length) {
            return false;
        }
        start = end;
        kind = scanToken();
        return true;
    }

    Kind kind() {
        return kind;
    }

    /** Offset of the token's first character. */
    int start() {
        return start;
    }

    /** Offset just past the token's last character. */
    int end() {
        return end;
    }

    String text() {
        return sql.substring(start, end);
    }

    /** Scans the token beginning at {@code start}, sets {@code end} and returns its kind. */
    private Kind scanToken() {
        char c = sql.charAt(start);
        char next = start + 1 < length ? sql.charAt(start + 1) : '\0';
        if (isSpace(c)) {
            end = skipWhile(start + 1, SqlScanner::isSpace);
            return Kind.WHITESPACE;
        }
        if (c == '-' && next == '-') {
            int newline = sql.indexOf('\n', start + 2);
            end = newline < 0 ? length : newline;
            return Kind.LINE_COMMENT;
        }
        if (c == '/' && next == '*') {
            end = blockCommentEnd(start + 2);
            return Kind.BLOCK_COMMENT;
        }
        if (c == '\'') {
            end = quotedEnd(start + 1, '\'', false);
            return Kind.STRING;
        }
        if (c == '"') {
            end = quotedEnd(start + 1, '"', false);
            return Kind.QUOTED_IDENTIFIER;
        }
        if (c == '$') {
            return scanDollar(next);
        }
        if (c == '?') {
            end = start + (next == '?' ? 2 : 1);
            return next == '?' ? Kind.ESCAPED_QUESTION_MARK : Kind.QUESTION_MARK;
        }
        if (c == ';') {
            end = start + 1;
            return Kind.SEMICOLON;
        }
        if (c == ':') {
            if (next == ':') {
                end = start + 2;
                return Kind.OTHER;
            }
            if (isTagStart(next)) {
                end = skipWhile(start + 2, SqlScanner::isTagPart);
                return Kind.NAMED_PARAMETER;
            }
        }
        if (isWordStart(c) || isDigit(c)) {
            // '$' inside a word belongs to it, so "a$1" is one identifier and never parameter 1.
            end = skipWhile(start + 1, SqlScanner::isWordPart);
            if (end == start + 1 && (c == 'E' || c == 'e') && end < length && sql.charAt(end) == '\'') {
                end = quotedEnd(end + 1, '\'', true);
                return Kind.STRING;
            }
            return Kind.WORD;
        }
        end = start + 1;
        return Kind.OTHER;
    }

    private Kind scanDollar(char next) {
        if (isDigit(next)) {
            end = skipWhile(start + 1, SqlScanner::isDigit);
            return Kind.PARAMETER;
        }
        int tagEnd = next == '$' ? start + 1 : skipWhile(start + 1, SqlScanner::isTagPart);
        boolean validTag = next == '$' || (isTagStart(next) && tagEnd < length && sql.charAt(tagEnd) == '$');
        if (!validTag) {
            end = start + 1;
            return Kind.OTHER;
        }
        String tag = sql.substring(start, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        end = close < 0 ? length : close + tag.length();
        return Kind.DOLLAR_QUOTED;
    }

    /** End of a quoted token whose body starts at {@code from}; a doubled quote is an escaped quote. */
    private int quotedEnd(int from, char quote, boolean backslashEscapes) {
        int i = from;
        while (i < length) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < length && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return length;
    }

    private int blockCommentEnd(int from) {
        int depth = 1;
        int i = from;
        while (i < length - 1) {
            char c = sql.charAt(i);
            char n = sql.charAt(i + 1);
            if (c == '/' && n == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && n == '/') {
                i += 2;
                if (--depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return length;
    }

    private interface CharTest {
        boolean test(char c);
    }

    private int skipWhile(int from, CharTest test) {
        int i = from;
        while (i < length && test.test(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    /** PostgreSQL's whitespace; other Unicode spaces are identifier characters to its lexer. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Letters, {@code _} and non-ASCII characters, as PostgreSQL's {@code ident_start}. */
    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isTagStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isTagPart(char c) {
        return isTagStart(c) || isDigit(c);
    }
}
