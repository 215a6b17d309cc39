package io.pgdbm.internal;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * Encodes rows in COPY's text format: {@code \N} for NULL, backslash escapes for tab, newline, carriage return
 * and backslash, {@code \x} hex for {@code bytea}, {@code {...}} literals for arrays.
 */
public final class CopyEncoder {
    private static final HexFormat HEX = HexFormat.of();

    private CopyEncoder() {
    }

    /** Appends one row (an {@code Object[]} or a {@code List}) followed by a newline. */
    public static void appendRow(StringBuilder out, Object row, int expectedColumns) {
        List<?> values = row instanceof Object[] array ? java.util.Arrays.asList(array)
                : row instanceof List<?> list ? list : null;
        if (values == null) {
            throw new IllegalArgumentException("a COPY row must be an Object[] or a List, got " + (row == null ? "null" : row.getClass().getName()));
        }
        if (values.size() != expectedColumns) {
            throw new IllegalArgumentException("a COPY row has " + values.size() + " values but " + expectedColumns + " columns were named");
        }
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = values.get(i);
            if (v == null) {
                out.append("\\N");
            } else {
                escape(out, text(v));
            }
        }
        out.append('\n');
    }

    /** The PostgreSQL input text of a value (before COPY escaping). */
    static String text(Object v) {
        if (v instanceof byte[] bytes) {
            return "\\x" + HEX.formatHex(bytes);
        }
        if (v instanceof Instant || v instanceof OffsetDateTime || v instanceof LocalDateTime) {
            return v.toString();
        }
        if (v instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (v instanceof Collection<?> c) {
            return arrayLiteral(c.toArray());
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            Object[] elements = new Object[n];
            for (int i = 0; i < n; i++) {
                elements[i] = Array.get(v, i);
            }
            return arrayLiteral(elements);
        }
        return v.toString();
    }

    private static String arrayLiteral(Object[] elements) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (elements[i] == null) {
                sb.append("NULL");
                continue;
            }
            String s = text(elements[i]);
            if (elements[i].getClass().isArray() && !(elements[i] instanceof byte[])) {
                sb.append(s);
                continue;
            }
            sb.append('"');
            for (int j = 0; j < s.length(); j++) {
                char c = s.charAt(j);
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
            }
            sb.append('"');
        }
        return sb.append('}').toString();
    }

    private static void escape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    public static byte[] utf8(StringBuilder sb) {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
