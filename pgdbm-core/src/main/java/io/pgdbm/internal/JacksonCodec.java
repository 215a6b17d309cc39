package io.pgdbm.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The only class that touches Jackson; loaded by {@link JsonCodec} once it knows Jackson is present. */
final class JacksonCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private JacksonCodec() {
    }

    static String write(Object value) throws Exception {
        return MAPPER.writeValueAsString(value);
    }

    static Object read(String text, Class<?> type) throws Exception {
        return MAPPER.readValue(text, type);
    }
}
