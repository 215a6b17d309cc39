package io.pgdbm.cli;

import java.util.function.Function;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in a string; {@code $$} stands for a literal {@code $}.
 * An unset variable without a default is an error naming the variable and where it was used.
 *
 * <pre>{@code
 * new VariableExpander(System::getenv).expand("postgresql://app:${DB_PASSWORD}@db/shop", "environments.prod.url");
 * }</pre>
 */
final class VariableExpander {
    private final Function<String, String> variables;

    VariableExpander(Function<String, String> variables) {
        this.variables = variables;
    }

    /**
     * @param where the key the value belongs to, for the error message
     * @throws CliException (exit code {@link ExitCodes#CONFIG}) for an unset variable or an unclosed {@code ${}
     */
    String expand(String value, String where) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '{') {
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    throw CliException.config(where + ": unclosed '${' in \"" + value + "\"; write ${NAME} or $$ for a literal $");
                }
                out.append(resolve(value.substring(i + 2, end), where));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String expression, String where) {
        int sep = expression.indexOf(":-");
        String name = sep < 0 ? expression : expression.substring(0, sep);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw CliException.config(where + ": '${" + expression + "}' is not a variable reference; use ${NAME} or ${NAME:-default}");
        }
        String value = variables.apply(name);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        if (sep >= 0) {
            return expression.substring(sep + 2);
        }
        throw CliException.config(where + ": environment variable " + name + " is not set; export it, or write ${"
                + name + ":-default} to give a default");
    }
}
