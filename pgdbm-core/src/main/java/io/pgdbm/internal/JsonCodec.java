package io.pgdbm.internal;

import io.pgdbm.MappingException;

/**
 * Reads and writes JSON with Jackson when it is on the class path, and explains how to add it when it is not. The
 * Jackson classes are only touched through {@link JacksonCodec}, which is loaded on first use, so pgdbm runs
 * without Jackson as long as no json value is read into or written from an object.
 */
public final class JsonCodec {
    private static final boolean JACKSON = present();

    private JsonCodec() {
    }

    private static boolean present() {
        try {
            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, JsonCodec.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    public static boolean jacksonPresent() {
        return JACKSON;
    }

    public static String write(Object value) {
        require("writing a " + value.getClass().getSimpleName() + " as JSON", "pass the JSON text with Json.raw(text)");
        try {
            return JacksonCodec.write(value);
        } catch (Exception e) {
            throw new MappingException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /** The document {@code text} as a {@code type}; {@code target} names what is being filled, for messages. */
    public static Object read(String text, Class<?> type, String target) {
        require(target + ": reading a json column into " + type.getSimpleName(), "read the column as String");
        try {
            return JacksonCodec.read(text, type);
        } catch (Exception e) {
            throw new MappingException(target + ": cannot read the json column as " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void require(String what, String alternative) {
        if (!JACKSON) {
            throw new MappingException(what + " needs Jackson: add com.fasterxml.jackson.core:jackson-databind to the"
                    + " class path, or " + alternative);
        }
    }
}
