package io.pgdbm.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code {{tables.x}}}, {@code {{tables.s.x}}} and {@code {{schema}}} placeholders with Python pgdbm's
 * semantics: the schema is double-quoted, table names are not; names are validated; placeholders that do not
 * match exactly (spaces, other characters, {@code {{tables.a.b.c}}}) pass through unchanged; placeholders inside
 * literals are replaced too.
 */
public final class Templates {
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{(?:(schema)|tables\\.([a-zA-Z0-9_]+)(?:\\.([a-zA-Z0-9_]+))?)}}");

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
                out.append(quotedSchema == null ? table : quotedSchema + '.' + table);
            }
        }
        return out.append(sql, last, sql.length()).toString();
    }
}
