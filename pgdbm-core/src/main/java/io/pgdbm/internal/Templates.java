package io.pgdbm.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code {{tables.x}}}, {@code {{tables.s.x}}} and {@code {{schema}}} placeholders with Python pgdbm's
 * semantics: the schema is double-quoted, table names are not; names are validated; placeholders that do not
 * match exactly (spaces, other characters, {@code {{tables.a.b.c}}}) pass through unchanged; placeholders inside
 * literals are replaced too.
 *
 * <p>One addition keeps the SQL valid: a table name that is one of PostgreSQL's reserved key words ({@code user},
 * {@code order}, {@code group}…) rendered without a schema is double-quoted in lower case ({@code "user"}), which is
 * the table an unquoted name would mean if the grammar allowed it. After a schema ({@code "s".user}) the grammar
 * accepts any key word, so qualified names stay as the original renders them.
 */
public final class Templates {
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{(?:(schema)|tables\\.([a-zA-Z0-9_]+)(?:\\.([a-zA-Z0-9_]+))?)}}");

    /** PostgreSQL 15's reserved and type/function-name key words: not allowed as a bare table name. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("all", "analyse", "analyze", "and", "any",
            "array", "as", "asc", "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint",
            "create", "current_catalog", "current_date", "current_role", "current_time", "current_timestamp",
            "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch",
            "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
            "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
            "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "table",
            "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where", "window",
            "with", "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps", "right",
            "similar", "tablesample", "verbose");

    private Templates() {
    }

    /**
     * Renders {@code sql} for {@code schema}; {@code null} means no schema: {@code {{tables.t}}} becomes {@code t},
     * {@code {{schema}}.} disappears and a lone {@code {{schema}}} becomes {@code public}.
     */
    public static String render(String sql, String schema) {
        if (sql.indexOf("{{") < 0) {
            return sql;
        }
        String quotedSchema = schema == null ? null : Identifiers.quote(schema, "schema");
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int last = 0;
        while (m.find()) {
            out.append(sql, last, m.start());
            last = m.end();
            if (m.group(1) != null) {
                if (quotedSchema != null) {
                    out.append(quotedSchema);
                } else if (last < sql.length() && sql.charAt(last) == '.') {
                    last++;
                } else {
                    out.append("public");
                }
            } else if (m.group(3) != null) {
                out.append(Identifiers.quote(m.group(2), "schema")).append('.').append(Identifiers.require(m.group(3), "table"));
            } else {
                String table = Identifiers.require(m.group(2), "table");
                out.append(quotedSchema == null ? bare(table) : quotedSchema + '.' + table);
            }
        }
        return out.append(sql, last, sql.length()).toString();
    }

    private static String bare(String table) {
        String lower = table.toLowerCase(java.util.Locale.ROOT);
        return RESERVED.contains(lower) ? '"' + lower + '"' : table;
    }
}
