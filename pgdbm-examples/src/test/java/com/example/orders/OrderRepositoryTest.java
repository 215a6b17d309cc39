package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.DualModeDatabase;
import io.pgdbm.junit.DualModeTest;
import io.pgdbm.junit.PgdbmAssertions;
import io.pgdbm.junit.PgdbmTest;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

@PgdbmTest(migrations = "classpath:db/orders", module = "orders")
class OrderRepositoryTest {

    @Test
    void storesAnOrder(DatabaseManager db) {             // a fresh, fully migrated database for this test
        db.execute("INSERT INTO {{tables.orders}} (total) VALUES ($1)", new BigDecimal("9.90"));
        PgdbmAssertions.assertThat(db).table("orders").hasRowCount(1);
    }

    @DualModeTest
    void behavesTheSameInBothModes(DualModeDatabase db) { // STANDALONE (own pool), then LIBRARY (shared pool, own schema)
        OrdersLibrary orders = db.create(OrdersLibrary::new, OrdersLibrary::new);
        orders.place(42, new BigDecimal("9.90"));
        assertThat(orders.count()).isEqualTo(1);
    }
}
