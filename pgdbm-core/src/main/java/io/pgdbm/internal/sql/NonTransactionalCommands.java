package io.pgdbm.internal.sql;

import io.pgdbm.internal.sql.SqlScanner.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises statements that PostgreSQL refuses inside a transaction block; the implementation of
 * {@link SqlLexer#nonTransactionalCommand(String)}.
 *
 * <p>Works on the statement's words as the scanner sees them, so a {@code CONCURRENTLY} inside a literal,
 * quoted identifier or comment never counts.
 */
final class NonTransactionalCommands {

    private NonTransactionalCommands() {
    }

    static Optional<String> of(String statement) {
        List<String> words = topLevelWords(statement);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (words.get(0)) {
            case "VACUUM" -> "VACUUM";
            case "CREATE" -> create(words);
            case "DROP" -> drop(words);
            case "ALTER" -> is(words, 1, "SYSTEM") ? "ALTER SYSTEM" : null;
            case "REINDEX" -> reindex(statement, words);
            default -> null;
        });
    }

    /** Whether the statement begins, ends or nests a transaction (BEGIN, COMMIT, SAVEPOINT, ...). */
    static boolean controlsTransaction(String statement) {
        List<String> words = topLevelWords(statement);
        return !words.isEmpty() && switch (words.get(0)) {
            case "BEGIN", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE" -> true;
            case "START", "PREPARE" -> is(words, 1, "TRANSACTION");
            default -> false;
        };
    }

    /** Whether the statement commits the transaction: {@code COMMIT} or {@code END} (with or without AND CHAIN). */
    static boolean commitsTransaction(String statement) {
        List<String> words = topLevelWords(statement);
        return !words.isEmpty() && (words.get(0).equals("COMMIT") || words.get(0).equals("END"));
    }

    private static String create(List<String> words) {
        int index = is(words, 1, "UNIQUE") ? 2 : 1;
        if (is(words, index, "INDEX") && is(words, index + 1, "CONCURRENTLY")) {
            return "CREATE INDEX CONCURRENTLY";
        }
        return is(words, 1, "DATABASE") ? "CREATE DATABASE"
                : is(words, 1, "TABLESPACE") ? "CREATE TABLESPACE"
                : null;
    }

    private static String drop(List<String> words) {
        return is(words, 1, "INDEX") && is(words, 2, "CONCURRENTLY") ? "DROP INDEX CONCURRENTLY"
                : is(words, 1, "DATABASE") ? "DROP DATABASE"
                : is(words, 1, "TABLESPACE") ? "DROP TABLESPACE"
                : null;
    }

    /**
     * CONCURRENTLY may come after the object kind or, since PostgreSQL 14, in the parenthesised options, so
     * any occurrence counts. REINDEX DATABASE and REINDEX SYSTEM refuse a transaction block on their own.
     */
    private static String reindex(String statement, List<String> words) {
        if (SqlLexer.containsKeyword(statement, "CONCURRENTLY")) {
            return "REINDEX CONCURRENTLY";
        }
        return is(words, 1, "DATABASE") ? "REINDEX DATABASE"
                : is(words, 1, "SYSTEM") ? "REINDEX SYSTEM"
                : null;
    }

    private static boolean is(List<String> words, int index, String word) {
        return index < words.size() && words.get(index).equals(word);
    }

    /**
     * The upper-cased words of the first statement that are outside parentheses, so that option lists such
     * as {@code VACUUM (VERBOSE)} or {@code REINDEX (TABLESPACE x)} do not shift word positions.
     */
    private static List<String> topLevelWords(String statement) {
        List<String> words = new ArrayList<>();
        SqlScanner scanner = new SqlScanner(statement);
        int depth = 0;
        while (scanner.next() && scanner.kind() != Kind.SEMICOLON && words.size() < 4) {
            if (scanner.kind() == Kind.OTHER) {
                char c = statement.charAt(scanner.start());
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            } else if (scanner.kind() == Kind.WORD && depth == 0) {
                words.add(scanner.text().toUpperCase(Locale.ROOT));
            }
        }
        return words;
    }
}
