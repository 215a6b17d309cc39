package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.PgdbmExtension;
import io.pgdbm.junit.TestDatabase;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgdbmExtension.class)
class OrdersLibraryTest {

    @Test
    void refusesAManagerOfAnotherSchemaBeforeTouchingTheDatabase(TestDatabase db) {
        assertThatThrownBy(() -> new OrdersLibrary(new DatabaseManager(db.pool(), "billing"), "orders"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in schema 'billing', not 'orders'")
                .hasMessageContaining("new DatabaseManager(pool, \"orders\")");
        assertThat(db.manager().fetchValue(Long.class,
                "SELECT count(*) FROM pg_namespace WHERE nspname IN ('billing', 'orders')")).isZero();
    }

    @Test
    void twoCopiesInTwoSchemasOfOnePoolKeepTheirOwnOrders(TestDatabase db) {
        OrdersLibrary shop = new OrdersLibrary(new DatabaseManager(db.pool(), "shop"), "shop");
        OrdersLibrary outlet = new OrdersLibrary(new DatabaseManager(db.pool(), "outlet"), "outlet");
        shop.place(1, new BigDecimal("5.00"));
        shop.place(2, new BigDecimal("7.50"));
        outlet.place(3, new BigDecimal("1.00"));
        assertThat(shop.count()).isEqualTo(2);
        assertThat(outlet.count()).isEqualTo(1);
        shop.close(); // borrowed: the pool stays open for the other copy
        assertThat(db.pool().isClosed()).isFalse();
        assertThat(outlet.count()).isEqualTo(1);
    }

    @Test
    void aStandaloneLibraryClosesThePoolItOpened(TestDatabase db) {
        OrdersLibrary orders = new OrdersLibrary(db.config());
        orders.place(42, new BigDecimal("9.90"));
        orders.close();
        assertThatThrownBy(orders::count).hasMessageContaining("not connected");
    }
}
