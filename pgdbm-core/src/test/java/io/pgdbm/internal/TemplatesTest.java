package io.pgdbm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.SchemaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplatesTest {

    /** The reference's verified vectors; "-" stands for no schema. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "app       | SELECT * FROM {{schema}}.users | SELECT * FROM \"app\".users",
        "app       | {{tables.users}}               | \"app\".users",
        "app       | {{tables.server.projects}}     | \"server\".projects",
        "app       | '{{tables.x}}'                 | '\"app\".x'",
        "CamelCase | {{tables.Users}}               | \"CamelCase\".Users",
        "-         | {{tables.users}}               | users",
        "-         | {{tables.server.projects}}     | \"server\".projects",
        "-         | SELECT * FROM {{schema}}.users | SELECT * FROM users",
        "-         | SET search_path TO {{schema}}  | SET search_path TO public",
        "public    | {{tables.users}}               | \"public\".users",
    })
    void rendersReferenceVectors(String schema, String input, String expected) {
        assertThat(Templates.render(input, "-".equals(schema) ? null : schema)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ tables.x }}", "{{TABLES.x}}", "{{tables.a.b.c}}", "{{tables.}}", "{{tables.x;drop}}",
        "{{tables.x-y}}", "{{tables.\"x\"}}", "{{other}}", "{{schema }}"})
    void nonMatchingPlaceholdersPassThroughUnchanged(String input) {
        assertThat(Templates.render(input, "app")).isEqualTo(input);
        assertThat(Templates.render(input, null)).isEqualTo(input);
    }

    @Test
    void rejectsTableNamesStartingWithDigitOrTooLong() {
        assertThatThrownBy(() -> Templates.render("{{tables.9a}}", null)).isInstanceOf(SchemaException.class)
                .hasMessageContaining("Invalid table name '9a'");
        assertThatThrownBy(() -> Templates.render("{{tables." + "a".repeat(64) + "}}", "app")).isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> Templates.render("{{tables.1s.t}}", "app")).isInstanceOf(SchemaException.class)
                .hasMessageContaining("Invalid schema name '1s'");
    }

    @Test
    void rendersSeveralPlaceholdersInOneStatement() {
        assertThat(Templates.render("SELECT * FROM {{tables.a}} JOIN {{tables.other.b}} USING (id) WHERE {{schema}} IS NOT NULL", "s"))
                .isEqualTo("SELECT * FROM \"s\".a JOIN \"other\".b USING (id) WHERE \"s\" IS NOT NULL");
    }

    @Test
    void sqlWithoutPlaceholdersIsReturnedAsIs() {
        String sql = "SELECT 1";
        assertThat(Templates.render(sql, "app")).isSameAs(sql);
    }

    @Test
    void aReservedKeyWordIsQuotedOnlyWhereTheGrammarNeedsIt() {
        assertThat(Templates.render("SELECT * FROM {{tables.user}}", null)).isEqualTo("SELECT * FROM \"user\"");
        assertThat(Templates.render("SELECT * FROM {{tables.Order}}", null)).isEqualTo("SELECT * FROM \"order\"");
        assertThat(Templates.render("SELECT * FROM {{tables.users}}", null)).isEqualTo("SELECT * FROM users");
        assertThat(Templates.render("SELECT * FROM {{tables.user}}", "app")).isEqualTo("SELECT * FROM \"app\".user");
        assertThat(Templates.render("SELECT * FROM {{tables.s.user}}", null)).isEqualTo("SELECT * FROM \"s\".user");
    }

    @Test
    void sslPasswordNeverReachesHikariCpsLoggedProperties() {
        io.pgdbm.DatabaseConfig config = io.pgdbm.DatabaseConfig.builder().sslKeyPassword("key-secret-42").build();
        com.zaxxer.hikari.HikariConfig h = PoolFactory.hikariConfig(config, "p");
        assertThat(h.getDataSourceProperties().toString()).doesNotContain("key-secret-42");
        assertThat(String.valueOf(h.getDataSource())).doesNotContain("key-secret-42");
        assertThat(String.valueOf(h.getJdbcUrl())).doesNotContain("key-secret-42");
    }
}
