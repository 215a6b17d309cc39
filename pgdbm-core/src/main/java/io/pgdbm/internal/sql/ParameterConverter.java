package io.pgdbm.internal.sql;

import io.pgdbm.internal.sql.SqlScanner.Kind;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Converts {@code $n} parameters to JDBC placeholders, or passes {@code ?} SQL through; the implementation
 * of {@link SqlLexer#parse(String)}.
 *
 * <p>One pass builds the {@code $n}-style output while it counts {@code ?} placeholders, because which
 * style the SQL uses is only known at its end.
 */
final class ParameterConverter {

    /**
     * Reserved words after which a value must follow, so a {@code ?} there cannot be an operator. Being
     * reserved, none of them can be an unquoted column name, which keeps the check free of false alarms.
     */
    private static final Set<String> WORDS_BEFORE_VALUE = Set.of(
            "SELECT", "WHERE", "AND", "OR", "NOT", "LIMIT", "OFFSET", "CASE", "WHEN", "THEN", "ELSE",
            "HAVING", "ON", "RETURNING", "LIKE", "ILIKE");

    /** Operator and punctuation characters after which a value must follow. */
    private static final String CHARS_BEFORE_VALUE = "(,[=<>+-*/%^|~:";

    private ParameterConverter() {
    }

    static ParsedSql parse(String sql) {
        SqlScanner scanner = new SqlScanner(sql);
        StringBuilder converted = new StringBuilder(sql.length() + 8);
        StringBuilder expanded = new StringBuilder(sql.length() + 8);
        int[] order = new int[8];
        int[] expandedOrder = new int[8];
        int placeholders = 0;
        int occurrences = 0;
        // per statement: which JDBC placeholder (1-based, as PgJDBC numbers them) first carried each $n
        java.util.Map<Integer, Integer> placeholderOf = new java.util.HashMap<>();
        int statementBase = 0;
        int highest = 0;
        int questionMarks = 0;
        int firstParameter = -1;
        int firstParameterEnd = -1;
        int firstPlaceholder = -1;
        Kind previous = null;
        int previousStart = 0;
        int previousEnd = 0;
        while (scanner.next()) {
            Kind kind = scanner.kind();
            switch (kind) {
                case PARAMETER -> {
                    int number = parameterNumber(sql, scanner.start(), scanner.end());
                    Integer first = placeholderOf.get(number);
                    if (first != null) {
                        // a repeat: the server sees the same parameter, so it infers one type from every use (as PREPARE)
                        converted.append('$').append(first);
                    } else {
                        if (placeholders == order.length) {
                            order = Arrays.copyOf(order, placeholders * 2);
                        }
                        order[placeholders++] = number - 1;
                        placeholderOf.put(number, placeholders - statementBase);
                        converted.append('?');
                    }
                    if (occurrences == expandedOrder.length) {
                        expandedOrder = Arrays.copyOf(expandedOrder, occurrences * 2);
                    }
                    expandedOrder[occurrences++] = number - 1;
                    expanded.append('?');
                    highest = Math.max(highest, number);
                    if (firstParameter < 0) {
                        firstParameter = scanner.start();
                        firstParameterEnd = scanner.end();
                    }
                }
                case QUESTION_MARK -> {
                    questionMarks++;
                    if (firstPlaceholder < 0 && mustBeValue(sql, previous, previousStart, previousEnd)) {
                        firstPlaceholder = scanner.start();
                    }
                    converted.append("??");
                    expanded.append("??");
                }
                case SEMICOLON -> {
                    // PgJDBC numbers the placeholders of each statement of a script from 1
                    placeholderOf.clear();
                    statementBase = placeholders;
                    converted.append(';');
                    expanded.append(';');
                }
                default -> {
                    converted.append(sql, scanner.start(), scanner.end());
                    expanded.append(sql, scanner.start(), scanner.end());
                }
            }
            if (kind.isSignificant()) {
                previous = kind;
                previousStart = scanner.start();
                previousEnd = scanner.end();
            }
        }
        if (occurrences == 0) {
            int[] sequence = sequence(questionMarks);
            return new ParsedSql(sql, sequence, questionMarks, sql, sequence);
        }
        if (firstPlaceholder >= 0) {
            throw mixedStyles(firstPlaceholder, sql.substring(firstParameter, firstParameterEnd), firstParameter);
        }
        return new ParsedSql(converted.toString(), Arrays.copyOf(order, placeholders), highest,
                expanded.toString(), Arrays.copyOf(expandedOrder, occurrences));
    }

    /**
     * Converts {@code :name} parameters to {@code $n} (numbered by first appearance, so a repeated name is one
     * parameter), for {@link #parse(String)} to finish; the names come back in argument order.
     */
    static NamedSql parseNamed(String sql) {
        SqlScanner scanner = new SqlScanner(sql);
        StringBuilder numbered = new StringBuilder(sql.length());
        java.util.List<String> names = new java.util.ArrayList<>();
        while (scanner.next()) {
            Kind kind = scanner.kind();
            if (kind == Kind.NAMED_PARAMETER) {
                String name = sql.substring(scanner.start() + 1, scanner.end());
                int index = names.indexOf(name);
                if (index < 0) {
                    names.add(name);
                    index = names.size() - 1;
                }
                numbered.append('$').append(index + 1);
            } else if (kind == Kind.PARAMETER) {
                throw new IllegalArgumentException("SQL bound by name uses the positional parameter '" + scanner.text()
                        + "' at offset " + scanner.start() + ": with Params write every parameter as :name");
            } else {
                numbered.append(sql, scanner.start(), scanner.end());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the SQL has no :name parameter but was given Params; write :name"
                    + " where each value goes (a :: cast is not a parameter)");
        }
        return new NamedSql(parse(numbered.toString()), java.util.List.copyOf(names));
    }

    /**
     * Whether a {@code ?} after the given token stands where a value must be, and so is a JDBC placeholder,
     * not the jsonb operator (which always follows a value).
     */
    private static boolean mustBeValue(String sql, Kind previous, int start, int end) {
        if (previous == null || previous == Kind.SEMICOLON) {
            return true;
        }
        if (previous == Kind.OTHER) {
            return CHARS_BEFORE_VALUE.indexOf(sql.charAt(start)) >= 0;
        }
        return previous == Kind.WORD && WORDS_BEFORE_VALUE.contains(sql.substring(start, end).toUpperCase(Locale.ROOT));
    }

    private static int parameterNumber(String sql, int start, int end) {
        int number = 0;
        for (int i = start + 1; i < end; i++) {
            int digit = sql.charAt(i) - '0';
            if (number > (Integer.MAX_VALUE - digit) / 10) {
                throw new IllegalArgumentException("Parameter " + sql.substring(start, end) + " at offset "
                        + start + " is too large; parameters are numbered $1, $2, ...");
            }
            number = number * 10 + digit;
        }
        if (number == 0) {
            throw new IllegalArgumentException("Parameter " + sql.substring(start, end) + " at offset " + start
                    + " is invalid; parameters are numbered from $1");
        }
        return number;
    }

    private static IllegalArgumentException mixedStyles(int placeholder, String parameter, int parameterAt) {
        return new IllegalArgumentException("SQL uses both parameter styles: a JDBC placeholder '?' at offset "
                + placeholder + " and PostgreSQL parameter '" + parameter + "' at offset " + parameterAt
                + ". Use one style: either ? everywhere, or $1, $2, ... everywhere"
                + " (with $n, write the jsonb operators ?, ?| and ?& plainly).");
    }

    private static int[] sequence(int count) {
        int[] order = new int[count];
        Arrays.setAll(order, i -> i);
        return order;
    }
}
