package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.internal.Identifiers;
import io.pgdbm.internal.Templates;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * R6: hostile schema, table, module and migrations-table names are rejected before any SQL runs, and
 * placeholders that do not match pass through unchanged.
 */
class HostileIdentifierProperties {
    private static final List<String> FRAGMENTS = List.of("\"", "'", ";", "--", "/*", "*/", " ", "-", ".", "$1", "\\",
            "\u0000", "\n", "é", "таблица", "表", "🙂", "\"; DROP TABLE users; --", "' OR '1'='1", "; DELETE FROM x",
            "/*comment*/", "-- comment", "{{schema}}", "}}", "%s", "`", "(", ")", ",", "=");

    private static TestDatabase database;
    private static SharedPool pool;
    private static DatabaseManager probe;
    private static final List<QueryEvent> EVENTS = new CopyOnWriteArrayList<>();

    @BeforeContainer
    static void open() {
        database = TestDatabase.create("hostile");
        pool = SharedPool.create(database.config());
        probe = new DatabaseManager(pool, "probe");
        probe.addQueryListener(EVENTS::add);
    }

    @AfterContainer
    static void close() {
        assertThat(EVENTS).as("statements that reached the server").isEmpty();
        pool.close();
        database.close();
    }

    @Provide
    Arbitrary<String> hostileNames() {
        Arbitrary<String> valid = Arbitraries.strings().withChars("abcXYZ_019").ofMinLength(0).ofMaxLength(10);
        Arbitrary<String> withFragment = Combinators.combine(valid, Arbitraries.of(FRAGMENTS), valid)
                .as((a, f, b) -> a + f + b);
        Arbitrary<String> leadingDigit = Combinators.combine(Arbitraries.strings().numeric().ofLength(1), valid)
                .as((d, rest) -> d + rest);
        Arbitrary<String> tooLong = Arbitraries.strings().withChars("abcdefghij_0123456789").ofMinLength(64).ofMaxLength(300)
                .map(s -> "a" + s.substring(1));
        Arbitrary<String> anyUnicode = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(80);
        return Arbitraries.oneOf(withFragment, leadingDigit, tooLong, anyUnicode, Arbitraries.just(""))
                .filter(s -> !s.matches("[a-zA-Z_][a-zA-Z0-9_]{0,62}"));
    }

    @Property(tries = 400)
    void identifierRuleRejectsEveryKindOfName(@ForAll("hostileNames") String name) {
        for (String kind : List.of("schema", "table", "module", "migrations table", "database")) {
            assertThat(Identifiers.isValid(name)).isFalse();
            assertThatThrownBy(() -> Identifiers.require(name, kind)).isInstanceOf(SchemaException.class)
                    .hasMessageStartingWith("Invalid " + kind + " name");
            assertThatThrownBy(() -> Identifiers.quote(name, kind)).isInstanceOf(SchemaException.class);
        }
    }

    @Property(tries = 400)
    void managerAndConfigRejectHostileSchemas(@ForAll("hostileNames") String name) {
        // an empty schema means "no schema" (public) for both, by design; every other hostile name is refused
        if (name.isEmpty()) {
            return;
        }
        assertThatThrownBy(() -> new DatabaseManager(pool, name)).isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> DatabaseConfig.builder().database("d").user("u").schema(name).build())
                .isInstanceOf(ConfigurationException.class);
    }

    @Property(tries = 400)
    void templatesRejectHostileTableAndSchemaNamesBeforeAnySqlRuns(@ForAll("hostileNames") String name) {
        assertThatThrownBy(() -> Templates.render("SELECT * FROM {{tables.t}}", name)).isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> Templates.render("SET search_path TO {{schema}}", name)).isInstanceOf(SchemaException.class);
        if (name.matches("[a-zA-Z0-9_]+")) {
            // placeholder syntax accepts it, so the identifier rule must stop it (a leading digit, or too long)
            assertThatThrownBy(() -> probe.execute("SELECT * FROM {{tables." + name + "}}")).isInstanceOf(SchemaException.class);
            assertThatThrownBy(() -> probe.fetchAll("SELECT * FROM {{tables." + name + ".t}}")).isInstanceOf(SchemaException.class);
        }
        assertThat(EVENTS).isEmpty();
    }

    @Provide
    Arbitrary<String> nonMatchingPlaceholders() {
        Arbitrary<String> inner = Arbitraries.strings().all().ofMaxLength(30)
                .filter(s -> !s.contains("}}") && !s.contains("{{"));
        return Arbitraries.oneOf(
                inner.map(s -> "{{" + s + "}}"),
                inner.map(s -> "{{tables." + s + "}}"),
                inner.map(s -> "{{ tables." + s + " }}"),
                inner.map(s -> "{{tables.a.b." + s + "}}"))
                .filter(s -> !s.matches(".*\\{\\{(?:schema|tables\\.[a-zA-Z0-9_]+(?:\\.[a-zA-Z0-9_]+)?)}}.*"));
    }

    @Property(tries = 400)
    void placeholdersThatDoNotMatchPassThroughUnchanged(@ForAll("nonMatchingPlaceholders") String placeholder) {
        String sql = "SELECT '" + placeholder + "' AS x";
        assertThat(Templates.render(sql, "probe")).isEqualTo(sql);
        assertThat(Templates.render(sql, null)).isEqualTo(sql);
        assertThat(probe.prepareQuery(sql)).isEqualTo(sql);
    }
}
