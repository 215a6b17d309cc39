package io.pgdbm.internal;

import java.util.StringJoiner;

/** Renders query arguments for messages and logs without revealing secrets. */
public final class Masking {
    private Masking() {
    }

    /**
     * {@code (42, 'short', <str:37 chars>, <bytes:16 bytes>)}: strings over 20 characters and binary values are
     * never shown; other values are shown as they are.
     */
    public static String maskArguments(Object[] args) {
        if (args == null || args.length == 0) {
            return "";
        }
        StringJoiner joiner = new StringJoiner(", ", "(", ")");
        for (Object arg : args) {
            joiner.add(maskValue(arg));
        }
        return joiner.toString();
    }

    public static String maskValue(Object arg) {
        if (arg == null) {
            return "NULL";
        }
        if (arg instanceof CharSequence s) {
            return s.length() > 20 ? "<str:" + s.length() + " chars>" : "'" + s + "'";
        }
        if (arg instanceof byte[] b) {
            return "<bytes:" + b.length + " bytes>";
        }
        if (arg.getClass().isArray()) {
            return "<array:" + java.lang.reflect.Array.getLength(arg) + " elements>";
        }
        return String.valueOf(arg);
    }
}
