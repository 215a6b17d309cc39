package io.pgdbm.internal;

import io.pgdbm.SchemaException;
import java.util.regex.Pattern;

/** The identifier rule shared by schemas, tables, migrations tables and test database names. */
public final class Identifiers {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,62}");

    private Identifiers() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /**
     * Returns {@code name} when it is a valid identifier, else throws {@link SchemaException} naming the kind
     * ("schema", "table", ...) and the rule.
     */
    public static String require(String name, String kind) {
        if (!isValid(name)) {
            throw new SchemaException("Invalid " + kind + " name '" + name + "'. " + capitalize(kind)
                    + " names must start with a letter or underscore and contain only letters, numbers and"
                    + " underscores (at most 63 characters).", name);
        }
        return name;
    }

    /** The identifier double-quoted, after validation. */
    public static String quote(String name, String kind) {
        return '"' + require(name, kind) + '"';
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
