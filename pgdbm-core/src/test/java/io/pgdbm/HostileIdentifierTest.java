package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.internal.Identifiers;
import io.pgdbm.internal.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * R6: hostile schema, table, module and migrations-table names are rejected before any SQL runs, and
 * placeholders that do not match pass through unchanged. Inputs are generated from a fixed seed (400 of each
 * kind), so a failure names an input that reproduces on every run.
 */
class HostileIdentifierTest {
    private static final List<String> FRAGMENTS = List.of("\"", "'", ";", "--", "/*", "*/", " ", "-", ".", "$1", "\\",
            "\u0000", "\n", "é", "таблица", "表", "🙂", "\"; DROP TABLE users; --", "' OR '1'='1", "; DELETE FROM x",
            "/*comment*/", "-- comment", "{{schema}}", "}}", "%s", "`", "(", ")", ",", "=");

    private static TestDatabase database;
    private static SharedPool pool;
    private static DatabaseManager probe;
    private static final List<QueryEvent> EVENTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void open() {
        database = TestDatabase.create("hostile");
        pool = SharedPool.create(database.config());
        probe = new DatabaseManager(pool, "probe");
        probe.addQueryListener(EVENTS::add);
    }

    @AfterAll
    static void close() {
        assertThat(EVENTS).as("statements that reached the server").isEmpty();
        pool.close();
        database.close();
    }

    private static final int TRIES = 400;
    private static final String VALID_CHARS = "abcXYZ_019";

    static Stream<String> hostileNames() {
        Random random = new Random(20261127L);
        List<String> names = new ArrayList<>(List.of(""));
        while (names.size() < TRIES) {
            String name = switch (random.nextInt(4)) {
                case 0 -> chars(random, VALID_CHARS, random.nextInt(11)) + FRAGMENTS.get(random.nextInt(FRAGMENTS.size()))
                        + chars(random, VALID_CHARS, random.nextInt(11));
                case 1 -> random.nextInt(10) + chars(random, VALID_CHARS, random.nextInt(11));
                case 2 -> "a" + chars(random, "abcdefghij_0123456789", 63 + random.nextInt(237));
                default -> anyUnicode(random, 1 + random.nextInt(80));
            };
            if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]{0,62}")) {
                names.add(name);
            }
        }
        return names.stream();
    }

    private static String chars(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String anyUnicode(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            int cp = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x2FFFF);
            if (Character.isValidCodePoint(cp) && !Character.isSurrogate((char) cp)) {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void identifierRuleRejectsEveryKindOfName(String name) {
        for (String kind : List.of("schema", "table", "module", "migrations table", "database")) {
            assertThat(Identifiers.isValid(name)).isFalse();
            assertThatThrownBy(() -> Identifiers.require(name, kind)).isInstanceOf(SchemaException.class)
                    .hasMessageStartingWith("Invalid " + kind + " name");
            assertThatThrownBy(() -> Identifiers.quote(name, kind)).isInstanceOf(SchemaException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void managerAndConfigRejectHostileSchemas(String name) {
        // an empty schema means "no schema" (public) for both, by design; every other hostile name is refused
        if (name.isEmpty()) {
            return;
        }
        assertThatThrownBy(() -> new DatabaseManager(pool, name)).isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> DatabaseConfig.builder().database("d").user("u").schema(name).build())
                .isInstanceOf(ConfigurationException.class);
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void templatesRejectHostileTableAndSchemaNamesBeforeAnySqlRuns(String name) {
        assertThatThrownBy(() -> Templates.render("SELECT * FROM {{tables.t}}", name)).isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> Templates.render("SET search_path TO {{schema}}", name)).isInstanceOf(SchemaException.class);
        if (name.matches("[a-zA-Z0-9_]+")) {
            // placeholder syntax accepts it, so the identifier rule must stop it (a leading digit, or too long)
            assertThatThrownBy(() -> probe.execute("SELECT * FROM {{tables." + name + "}}")).isInstanceOf(SchemaException.class);
            assertThatThrownBy(() -> probe.fetchAll("SELECT * FROM {{tables." + name + ".t}}")).isInstanceOf(SchemaException.class);
        }
        assertThat(EVENTS).isEmpty();
    }

    static Stream<String> nonMatchingPlaceholders() {
        Random random = new Random(1127L);
        List<String> placeholders = new ArrayList<>();
        while (placeholders.size() < TRIES) {
            String inner = random.nextBoolean() ? anyUnicode(random, random.nextInt(31))
                    : chars(random, "ab_1 .-;\"'{}", random.nextInt(31));
            if (inner.contains("}}") || inner.contains("{{")) {
                continue;
            }
            String placeholder = switch (random.nextInt(4)) {
                case 0 -> "{{" + inner + "}}";
                case 1 -> "{{tables." + inner + "}}";
                case 2 -> "{{ tables." + inner + " }}";
                default -> "{{tables.a.b." + inner + "}}";
            };
            if (!placeholder.matches("(?s).*\\{\\{(?:schema|tables\\.[a-zA-Z0-9_]+(?:\\.[a-zA-Z0-9_]+)?)}}.*")) {
                placeholders.add(placeholder);
            }
        }
        return placeholders.stream();
    }

    @ParameterizedTest
    @MethodSource("nonMatchingPlaceholders")
    void placeholdersThatDoNotMatchPassThroughUnchanged(String placeholder) {
        String sql = "SELECT '" + placeholder + "' AS x";
        assertThat(Templates.render(sql, "probe")).isEqualTo(sql);
        assertThat(Templates.render(sql, null)).isEqualTo(sql);
        assertThat(probe.prepareQuery(sql)).isEqualTo(sql);
    }
}
