package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static TestDatabase database;
    private static DatabaseManager db;

    public record Payload(String kind, List<String> tags) {
    }

    public record Event(long id, Payload payload, String raw) {
    }

    @BeforeAll
    static void start() {
        database = TestDatabase.create("json");
        db = new DatabaseManager(database.config().toBuilder().schema("app").minConnections(1).maxConnections(2).build());
        db.connect();
        db.execute("CREATE TABLE {{tables.events}} (id bigserial PRIMARY KEY, payload jsonb, raw json)");
    }

    @AfterAll
    static void stop() {
        db.close();
        database.close();
    }

    @Test
    void writesObjectsAndReadsJsonColumnsIntoUserTypes() {
        Payload signup = new Payload("signup", List.of("web", "eu"));
        long id = (Long) db.executeAndReturnId("INSERT INTO {{tables.events}} (payload, raw) VALUES ($1, $2)",
                Json.of(signup), Json.of(Map.of("n", 1)));
        assertThat(db.fetchValue(Payload.class, "SELECT payload FROM {{tables.events}} WHERE id = $1", id)).isEqualTo(signup);
        assertThat(db.fetchSingle(Event.class, "SELECT id, payload, raw FROM {{tables.events}} WHERE id = $1", id))
                .isEqualTo(new Event(id, signup, "{\"n\":1}"));
        Row row = db.fetchSingle("SELECT payload, raw FROM {{tables.events}} WHERE id = $1", id);
        assertThat(row.get("payload", Payload.class)).isEqualTo(signup);
        assertThat(row.get("raw", Map.class)).isEqualTo(Map.of("n", 1));
        assertThat(db.fetchValue(Boolean.class, "SELECT payload @> $1 FROM {{tables.events}} WHERE id = $2",
                Json.of(Map.of("kind", "signup")), id)).isTrue();
        assertThat(db.fetchValue(Boolean.class, "SELECT payload ?? 'kind' FROM {{tables.events}} WHERE id = :id", Params.of("id", id))).isTrue();
    }

    @Test
    void stringStaysTheDefaultForJsonColumns() {
        db.execute("INSERT INTO {{tables.events}} (id, payload) VALUES (1000, $1)", "{\"kind\": \"text\"}");
        Row row = db.fetchSingle("SELECT payload FROM {{tables.events}} WHERE id = 1000");
        assertThat(row.get("payload")).isEqualTo("{\"kind\": \"text\"}");
        assertThat(row.getString("payload")).isEqualTo("{\"kind\": \"text\"}");
        assertThat(db.fetchValue(String.class, "SELECT payload FROM {{tables.events}} WHERE id = 1000")).isEqualTo("{\"kind\": \"text\"}");
        db.execute("INSERT INTO {{tables.events}} (id, payload) VALUES (1001, $1)", Json.raw("[1, 2]"));
        assertThat(db.fetchValue(int[].class, "SELECT payload FROM {{tables.events}} WHERE id = 1001")).containsExactly(1, 2);
        db.execute("INSERT INTO {{tables.events}} (id, payload) VALUES (1002, $1)", Json.of(null));
        assertThat(db.fetchValue("SELECT payload FROM {{tables.events}} WHERE id = 1002")).isNull();
    }

    @Test
    void aDocumentThatDoesNotFitIsAMappingExceptionWithJacksonsCause() {
        assertThatThrownBy(() -> db.fetchValue(Payload.class, "SELECT '{\"kind\": [1]}'::jsonb"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("cannot read the json column as Payload")
                .hasCauseInstanceOf(com.fasterxml.jackson.core.JacksonException.class);
        assertThat(Json.of(new Payload("secret", List.of())).toString()).isEqualTo("Json[Payload]").doesNotContain("secret");
    }

    @Test
    void withoutJacksonStringsStillWorkAndObjectsExplainWhatToAdd() throws Exception {
        URL[] urls = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("jackson"))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);
        try (URLClassLoader isolated = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> isolated.loadClass("com.fasterxml.jackson.databind.ObjectMapper"))
                    .isInstanceOf(ClassNotFoundException.class);
            @SuppressWarnings("unchecked")
            Callable<String> scenario = (Callable<String>) isolated.loadClass(WithoutJackson.class.getName())
                    .getConstructor(String.class).newInstance(database.config().toBuilder().schema("app").build().toUrl());
            assertThat(scenario.call()).isEqualTo("{\"kind\": \"plain\"} | writing a Payload as JSON needs Jackson: add "
                    + "com.fasterxml.jackson.core:jackson-databind to the class path, or pass the JSON text with Json.raw(text)");
        }
    }

    /** Runs inside a class loader without Jackson. */
    public static final class WithoutJackson implements Callable<String> {
        private final String url;

        public WithoutJackson(String url) {
            this.url = url;
        }

        @Override
        public String call() throws ClassNotFoundException {
            Class.forName("org.postgresql.Driver");
            try (DatabaseManager db = new DatabaseManager(DatabaseConfig.fromUrl(url))) {
                db.connect();
                String text = db.fetchValue(String.class, "SELECT $1::jsonb", Json.raw("{\"kind\": \"plain\"}"));
                try {
                    db.execute("SELECT $1::jsonb", Json.of(new Payload("x", List.of())));
                    return "written without Jackson?";
                } catch (MappingException e) {
                    return text + " | " + e.getMessage();
                }
            }
        }
    }
}
