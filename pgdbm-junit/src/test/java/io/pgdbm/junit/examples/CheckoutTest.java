package io.pgdbm.junit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.Isolation;
import io.pgdbm.junit.PgdbmExtension;
import io.pgdbm.junit.PgdbmSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// docs/testing.md, "Several modules"
class CheckoutTest {

    @RegisterExtension
    PgdbmExtension pgdbm = PgdbmExtension.builder()
            .module("users", "classpath:db/users", "users")
            .module("orders", "classpath:db/orders", "orders", "users")
            .isolation(Isolation.DATABASE)
            .build();

    @Test
    void placesAnOrder(@PgdbmSchema("users") DatabaseManager users, @PgdbmSchema("orders") DatabaseManager orders) {
        Object userId = users.executeAndReturnId("INSERT INTO {{tables.users}} (email) VALUES ('a@example.com')");
        orders.execute("INSERT INTO {{tables.orders}} (user_id, total) VALUES ($1, 9.90)", userId);
        assertThat(orders.fetchValue(Long.class, "SELECT count(*) FROM {{tables.orders}}")).isEqualTo(1L);
    }
}
