package io.pgdbm.internal;

import java.lang.reflect.Array;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * Encodes rows in COPY's text format straight into UTF-8 bytes: {@code \N} for NULL, backslash escapes for tab,
 * newline, carriage return and backslash, {@code \x} hex for {@code bytea}, {@code {...}} literals for arrays.
 * Not thread-safe: one encoder per copy.
 */
public final class CopyEncoder {
    private static final HexFormat HEX = HexFormat.of();

    private final int columns;
    private byte[] buffer = new byte[1 << 17];
    private int length;

    public CopyEncoder(int columns) {
        this.columns = columns;
    }

    /** Appends one row (an {@code Object[]} or a {@code List}) followed by a newline. */
    public void appendRow(Object row) {
        if (row instanceof Object[] values) {
            checkWidth(values.length);
            for (int i = 0; i < values.length; i++) {
                appendValue(i, values[i]);
            }
        } else if (row instanceof List<?> values) {
            checkWidth(values.size());
            for (int i = 0; i < values.size(); i++) {
                appendValue(i, values.get(i));
            }
        } else {
            throw new IllegalArgumentException("a COPY row must be an Object[] or a List, got "
                    + (row == null ? "null" : row.getClass().getName()));
        }
        put((byte) '\n');
    }

    /** Bytes encoded so far; valid up to {@link #length()}. */
    public byte[] buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    public void clear() {
        length = 0;
    }

    private void checkWidth(int width) {
        if (width != columns) {
            throw new IllegalArgumentException("a COPY row has " + width + " values but " + columns + " columns were named");
        }
    }

    private void appendValue(int index, Object v) {
        if (index > 0) {
            put((byte) '\t');
        }
        if (v == null) {
            put((byte) '\\');
            put((byte) 'N');
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            ascii(v.toString());
        } else if (v instanceof Boolean b) {
            put((byte) (b ? 't' : 'f'));
        } else if (v instanceof byte[] bytes) {
            ascii("\\\\x");
            ascii(HEX.formatHex(bytes));
        } else {
            escaped(text(v));
        }
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

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buffer[length++] = (byte) s.charAt(i);
        }
    }

    /** COPY-escapes and UTF-8-encodes {@code s}. */
    private void escaped(String s) {
        ensure(s.length() * 3 + 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> pair('\\');
                    case '\t' -> pair('t');
                    case '\n' -> pair('n');
                    case '\r' -> pair('r');
                    default -> buffer[length++] = (byte) c;
                }
            } else if (c < 0x800) {
                buffer[length++] = (byte) (0xC0 | (c >> 6));
                buffer[length++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(4 + (s.length() - i) * 3);
                buffer[length++] = (byte) (0xF0 | (cp >> 18));
                buffer[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buffer[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buffer[length++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                buffer[length++] = (byte) (0xE0 | (c >> 12));
                buffer[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buffer[length++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    private void pair(char escape) {
        buffer[length++] = '\\';
        buffer[length++] = (byte) escape;
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            byte[] bigger = new byte[Math.max(buffer.length * 2, length + extra)];
            System.arraycopy(buffer, 0, bigger, 0, length);
            buffer = bigger;
        }
    }
}
