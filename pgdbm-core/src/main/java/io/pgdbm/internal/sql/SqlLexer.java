package io.pgdbm.internal.sql;

import io.pgdbm.internal.sql.SqlScanner.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * PostgreSQL-aware SQL functions for the query API and migrations, all built on one scanner that knows
 * where string literals ({@code '...'}, {@code E'...'}), quoted identifiers, comments ({@code --},
 * nested {@code /* *}{@code /}) and dollar-quoted bodies are. It assumes
 * {@code standard_conforming_strings = on}, PostgreSQL's default: in a plain {@code '...'} a backslash is
 * an ordinary character.
 *
 * <pre>{@code
 * ParsedSql query = SqlLexer.parse("SELECT * FROM users WHERE data ? 'admin' AND id = $1");
 * // query.sql() -> "SELECT * FROM users WHERE data ?? 'admin' AND id = ?"
 *
 * for (SqlStatement statement : SqlLexer.splitStatements(migrationScript)) { ... }
 * }</pre>
 *
 * <p>Stateless and thread-safe. Not API: see the package documentation.
 */
public final class SqlLexer {

    private SqlLexer() {
    }

    /**
     * Converts the SQL's parameters to JDBC form.
     *
     * <p>Two styles are accepted, one per statement:
     * <ul>
     *   <li><b>{@code $1, $2, ...}</b> (PostgreSQL): each {@code $n} becomes a {@code ?} bound to argument
     *       {@code n - 1}, so a parameter may be used several times; the caller passes as many arguments as
     *       the highest {@code n}. A {@code ?} is an operator here, so the jsonb operators {@code ?},
     *       {@code ?|} and {@code ?&} are written plainly and emitted as {@code ??}, {@code ??|},
     *       {@code ??&}, which PgJDBC sends as the operator. An already escaped {@code ??} is left as is.</li>
     *   <li><b>{@code ?}</b> (JDBC): the SQL is passed through unchanged and each {@code ?} is bound to the
     *       next argument. As in PgJDBC, the jsonb operators must be written {@code ??}, {@code ??|} and
     *       {@code ??&}; a single {@code ?} is always a placeholder, even when {@code |} or {@code &}
     *       follows it.</li>
     * </ul>
     * Nothing inside literals, quoted identifiers, comments or dollar-quoted bodies is changed.
     *
     * @throws IllegalArgumentException for {@code $0} or a parameter number beyond {@code int}, or when the
     *     SQL mixes the styles: a {@code $n} together with a {@code ?} standing where only a value can stand
     *     (after {@code =}, {@code (}, {@code ,}, {@code WHERE}, ...), which cannot be the jsonb operator
     */
    public static ParsedSql parse(String sql) {
        return ParameterConverter.parse(Objects.requireNonNull(sql, "sql"));
    }

    /**
     * Converts SQL written with {@code :name} parameters (letters, digits and {@code _}, starting with a letter or
     * {@code _}); a name used twice is one parameter. Literals, quoted identifiers, comments, dollar-quoted bodies
     * and {@code ::} casts are left alone; a {@code ?} is an operator, as with {@code $n}.
     *
     * @throws IllegalArgumentException when the SQL has no {@code :name}, or also uses {@code $n} or {@code ?}
     *     placeholders
     */
    public static NamedSql parseNamed(String sql) {
        return ParameterConverter.parseNamed(Objects.requireNonNull(sql, "sql"));
    }

    /**
     * Splits a script into statements, for running one statement per round trip.
     *
     * <p>A {@code ;} outside literals, quoted identifiers, comments and dollar-quoted bodies ends a
     * statement, as psql's lexer decides: not inside parentheses (a rule's {@code DO (...; ...)}), and not
     * inside the {@code BEGIN ATOMIC ... END} body of a {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}
     * (PostgreSQL 14+; a {@code CASE ... END} inside the body is counted too). Each statement is trimmed,
     * keeps its {@code ;} and the comments before it; text after the last {@code ;} is a final statement.
     * Statements with nothing but whitespace, comments and {@code ;} are dropped.
     */
    public static List<SqlStatement> splitStatements(String sql) {
        Objects.requireNonNull(sql, "sql");
        List<SqlStatement> statements = new ArrayList<>();
        SqlScanner scanner = new SqlScanner(sql);
        int line = 1;
        int statementStart = 0;
        int statementLine = 0; // line of the first significant token; 0 while there is none
        RoutineBody body = new RoutineBody();
        while (scanner.next()) {
            Kind kind = scanner.kind();
            if (kind == Kind.SEMICOLON && body.outside()) {
                if (statementLine > 0) {
                    statements.add(new SqlStatement(sql.substring(statementStart, scanner.end()).strip(),
                            statementLine));
                }
                statementStart = scanner.end();
                statementLine = 0;
                body = new RoutineBody();
            } else {
                if (statementLine == 0 && kind.isSignificant()) {
                    statementLine = line;
                }
                body.see(kind, sql, scanner.start(), scanner.end());
            }
            line += countNewlines(sql, scanner.start(), scanner.end());
        }
        if (statementLine > 0) {
            statements.add(new SqlStatement(sql.substring(statementStart).strip(), statementLine));
        }
        return statements;
    }

    /**
     * Whether {@code keyword} (a single word, case-insensitive) occurs as a whole word outside literals,
     * quoted identifiers and comments; for example {@code containsKeyword(sql, "RETURNING")}.
     *
     * @throws IllegalArgumentException if {@code keyword} is not a single word of letters, digits and
     *     {@code _}
     */
    public static boolean containsKeyword(String sql, String keyword) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(keyword, "keyword");
        if (!keyword.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("keyword must be a single word of letters, digits and '_', was '"
                    + keyword + "'");
        }
        SqlScanner scanner = new SqlScanner(sql);
        while (scanner.next()) {
            if (scanner.kind() == Kind.WORD && scanner.end() - scanner.start() == keyword.length()
                    && sql.regionMatches(true, scanner.start(), keyword, 0, keyword.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes trailing whitespace, semicolons and comments, in any order and number:
     * {@code "INSERT ... ; -- done\n"} becomes {@code "INSERT ..."}. Leading text is kept as it is.
     */
    public static String stripTrailingTerminators(String sql) {
        Objects.requireNonNull(sql, "sql");
        SqlScanner scanner = new SqlScanner(sql);
        int end = 0;
        while (scanner.next()) {
            if (scanner.kind().isSignificant() && scanner.kind() != Kind.SEMICOLON) {
                end = scanner.end();
            }
        }
        return sql.substring(0, end);
    }

    /**
     * Whether the statement controls the transaction itself: {@code BEGIN}, {@code START TRANSACTION},
     * {@code COMMIT}, {@code END}, {@code ROLLBACK}, {@code ABORT}, {@code SAVEPOINT}, {@code RELEASE},
     * {@code PREPARE TRANSACTION}. Words inside literals and comments do not count.
     */
    public static boolean controlsTransaction(String statement) {
        return NonTransactionalCommands.controlsTransaction(Objects.requireNonNull(statement, "statement"));
    }

    /** Whether the statement commits the current transaction: {@code COMMIT} or {@code END}. */
    public static boolean commitsTransaction(String statement) {
        return NonTransactionalCommands.commitsTransaction(Objects.requireNonNull(statement, "statement"));
    }

    /**
     * If the statement cannot run inside a transaction block, a short description such as
     * {@code "CREATE INDEX CONCURRENTLY"}; else empty. Leading comments and case are ignored.
     *
     * <p>Recognised: {@code CREATE [UNIQUE] INDEX CONCURRENTLY}, {@code DROP INDEX CONCURRENTLY},
     * {@code REINDEX} with {@code CONCURRENTLY}, {@code REINDEX DATABASE}, {@code REINDEX SYSTEM},
     * {@code VACUUM}, {@code CREATE/DROP DATABASE}, {@code CREATE/DROP TABLESPACE}, {@code ALTER SYSTEM}.
     */
    public static Optional<String> nonTransactionalCommand(String statement) {
        return NonTransactionalCommands.of(Objects.requireNonNull(statement, "statement"));
    }

    /**
     * psql's heuristic (psqlscan.l) for where a {@code ;} does not end a statement: inside parentheses, and inside
     * a {@code BEGIN ... END} of a statement starting {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}, where a
     * {@code CASE} inside the body also ends with {@code END}. Only words at parenthesis depth 0 count.
     */
    private static final class RoutineBody {
        private final char[] leading = new char[4]; // first letters of the leading CREATE/OR/REPLACE/FUNCTION/PROCEDURE
        private int words;
        private int parens;
        private int begins;

        boolean outside() {
            return parens == 0 && begins == 0;
        }

        void see(Kind kind, String sql, int start, int end) {
            if (kind == Kind.OTHER) {
                char c = sql.charAt(start);
                if (c == '(') {
                    parens++;
                } else if (c == ')' && parens > 0) {
                    parens--;
                }
                return;
            }
            if (kind != Kind.WORD || Character.isDigit(sql.charAt(start))) {
                return;
            }
            String word = sql.substring(start, end);
            if (words < leading.length && (is(word, "create") || is(word, "function") || is(word, "procedure")
                    || is(word, "or") || is(word, "replace"))) {
                leading[words] = Character.toLowerCase(word.charAt(0));
            }
            words++;
            if (!createsRoutine() || parens != 0) {
                return;
            }
            if (is(word, "begin")) {
                begins++;
            } else if (is(word, "case") && begins > 0) {
                begins++;
            } else if (is(word, "end") && begins > 0) {
                begins--;
            }
        }

        private boolean createsRoutine() {
            return leading[0] == 'c' && (leading[1] == 'f' || leading[1] == 'p'
                    || (leading[1] == 'o' && leading[2] == 'r' && (leading[3] == 'f' || leading[3] == 'p')));
        }

        private static boolean is(String word, String keyword) {
            return word.equalsIgnoreCase(keyword);
        }
    }

    private static int countNewlines(String sql, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (sql.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
