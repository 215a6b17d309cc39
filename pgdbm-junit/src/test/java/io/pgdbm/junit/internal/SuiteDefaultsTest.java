package io.pgdbm.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.ConfigurationException;
import io.pgdbm.junit.Isolation;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuiteDefaultsTest {

    private static SuiteDefaults from(Map<String, String> parameters) {
        return SuiteDefaults.from(key -> Optional.ofNullable(parameters.get(key)));
    }

    @Test
    void readsEveryKeyWithMigrationsCommaSeparatedInOrder() {
        SuiteDefaults d = from(Map.of("pgdbm.test.migrations", " classpath:db/users , classpath:db/orders,",
                "pgdbm.test.module", "orders", "pgdbm.test.schema", "shop", "pgdbm.test.isolation", "transaction"));
        assertThat(d.migrations()).containsExactly("classpath:db/users", "classpath:db/orders");
        assertThat(d.module()).contains("orders");
        assertThat(d.schema()).contains("shop");
        assertThat(d.isolation()).contains(Isolation.TRANSACTION);
    }

    @Test
    void nothingSetAndBlankValuesAreNoDefaults() {
        assertThat(from(Map.of("pgdbm.test.module", "  "))).isEqualTo(SuiteDefaults.none());
    }

    @Test
    void aHostileSchemaNameIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> from(Map.of("pgdbm.test.schema", "shop; DROP TABLE x")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("pgdbm.test.schema: ")
                .satisfies(e -> assertThat(((ConfigurationException) e).field()).isEqualTo("pgdbm.test.schema"));
    }

    @Test
    void anUnknownIsolationIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> from(Map.of("pgdbm.test.isolation", "none")))
                .hasMessage("pgdbm.test.isolation must be DATABASE, SCHEMA or TRANSACTION, was 'none'");
    }
}
