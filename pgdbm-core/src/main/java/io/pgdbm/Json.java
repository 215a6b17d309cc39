package io.pgdbm;

import io.pgdbm.internal.JsonCodec;
import java.util.Objects;

/**
 * A query argument sent as a json/jsonb value. {@link #of(Object)} writes any object with Jackson (which must then
 * be on the class path: {@code com.fasterxml.jackson.core:jackson-databind}); {@link #raw(String)} sends JSON text
 * as it is and needs nothing. Reading works the other way without a wrapper: a json/jsonb column read into a type
 * other than {@code String} ({@code row.get("payload", Payload.class)}, a record component, {@code fetchValue})
 * is parsed with Jackson; read as {@code String} (the default) it is the document's text.
 *
 * <pre>{@code
 * record Payload(String kind, List<String> tags) {}
 * db.execute("INSERT INTO {{tables.events}} (payload) VALUES ($1)", Json.of(new Payload("signup", List.of("web"))));
 * Payload p = db.fetchValue(Payload.class, "SELECT payload FROM {{tables.events}} LIMIT 1");
 * record Event(long id, Payload payload) {}
 * List<Event> events = db.fetchAll(Event.class, "SELECT id, payload FROM {{tables.events}}");
 * db.execute("INSERT INTO {{tables.events}} (payload) VALUES ($1)", Json.raw("{\"kind\":\"import\"}"));
 * }</pre>
 *
 * <p>Jackson's {@code ObjectMapper} is created once with the modules found on the class path
 * ({@code findAndRegisterModules}, e.g. java.time support when jackson-datatype-jsr310 is there). Immutable;
 * {@link #toString()} never shows the document (it may hold personal data).
 */
public final class Json {
    private final Object value;
    private final boolean raw;

    private Json(Object value, boolean raw) {
        this.value = value;
        this.raw = raw;
    }

    /** {@code value} written as JSON by Jackson when the statement runs ({@code null} is SQL NULL). */
    public static Json of(Object value) {
        return new Json(value, false);
    }

    /** JSON text sent as it is; the server checks it. */
    public static Json raw(String json) {
        return new Json(Objects.requireNonNull(json, "json"), true);
    }

    /** The JSON text to send, or {@code null} for SQL NULL; throws {@link MappingException} when it cannot be written. */
    public String text() {
        if (value == null) {
            return null;
        }
        return raw ? (String) value : JsonCodec.write(value);
    }

    @Override
    public String toString() {
        return raw ? "Json[text]" : "Json[" + (value == null ? "null" : value.getClass().getSimpleName()) + "]";
    }
}
