package io.pgdbm.examples.sharedpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import io.pgdbm.QueryException;
import io.pgdbm.junit.PgdbmExtension;
import io.pgdbm.junit.PgdbmSchema;
import io.pgdbm.junit.TestDatabase;
import io.pgdbm.migration.MigrationResult;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared-pool application's services, each test on its own copy of the migrated schemas (a clone of a
 * template database). Database isolation rather than schema isolation: the orders module's foreign key names
 * schema {@code users}, so the schema names are part of the application.
 */
class ApplicationTest {
    @RegisterExtension
    final PgdbmExtension pgdbm = PgdbmExtension.builder()
            .module("users", "classpath:db/migrations/users", "users")
            .module("orders", "classpath:db/migrations/orders", "orders", "users")
            .module("billing", "classpath:db/migrations/billing", "billing")
            .build();

    @Test
    void placesAnOrderForAUserAndBillsIt(@PgdbmSchema("users") DatabaseManager userDb,
                                         @PgdbmSchema("orders") DatabaseManager orderDb,
                                         @PgdbmSchema("billing") DatabaseManager billingDb) {
        UserService users = new UserService(userDb);
        OrderService orders = new OrderService(orderDb, users);
        BillingService billing = new BillingService(billingDb);

        long ada = users.register("ada@example.com", "Ada");
        OrderService.Order order = orders.createOrder(ada, List.of(
                new OrderService.Line("LAMP-1", 2, new BigDecimal("39.90")),
                new OrderService.Line("DESK-4", 1, new BigDecimal("499.00"))));
        long invoice = billing.invoice(order.id(), order.total());

        assertThat(order.total()).isEqualByComparingTo("578.80");
        assertThat(orders.ordersOf(ada)).containsExactly(order);
        assertThat(billing.pay(invoice, new BigDecimal("500.00"))).isEqualTo("open");
        assertThat(billing.pay(invoice, new BigDecimal("78.80"))).isEqualTo("paid");
    }

    @Test
    void eachServiceKeepsItsTablesInItsSchemaAndItsHistoryUpToDate(@PgdbmSchema("users") DatabaseManager userDb,
                                                                   @PgdbmSchema("orders") DatabaseManager orderDb) {
        assertThat(userDb.tableExists("users.profiles")).isTrue();
        assertThat(userDb.tableExists("orders.order_items")).isTrue();
        assertThat(userDb.tableExists("billing.payments")).isTrue();
        assertThat(userDb.tableExists("public.users")).isFalse();
        // the extension migrated with the services' module names, so the services find nothing pending
        assertThat(new UserService(userDb).initialize().status()).isEqualTo(MigrationResult.Status.UP_TO_DATE);
        assertThat(new OrderService(orderDb, new UserService(userDb)).initialize().status())
                .isEqualTo(MigrationResult.Status.UP_TO_DATE);
    }

    @Test
    void refusesAnOrderForAnUnknownUserInTheApplicationAndInTheDatabase(@PgdbmSchema("users") DatabaseManager userDb,
                                                                        @PgdbmSchema("orders") DatabaseManager orderDb) {
        OrderService orders = new OrderService(orderDb, new UserService(userDb));

        assertThatThrownBy(() -> orders.createOrder(999, List.of(new OrderService.Line("X", 1, BigDecimal.ONE))))
                .isInstanceOf(OrderService.UnknownUserException.class).hasMessageContaining("User not found: 999");
        assertThatThrownBy(() -> orderDb.execute("INSERT INTO {{tables.orders}} (user_id, total) VALUES (999, 1)"))
                .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).contains("23503"));
    }

    @Test
    void startsEveryServiceOnOnePoolAndShutsItDown(TestDatabase db) {
        Application app = Application.start(db.config().toBuilder().schema(null).minConnections(0).maxConnections(3).build());
        try {
            // the template already holds the migrations: the application's own run finds nothing to do
            assertThat(app.migrations()).containsOnlyKeys("users", "orders", "billing");
            long ada = app.users().register("ada@example.com", "Ada");
            assertThat(app.orders().createOrder(ada, List.of(new OrderService.Line("A", 1, BigDecimal.TEN))).total())
                    .isEqualByComparingTo("10");
            assertThat(app.pool().stats().max()).isEqualTo(3);
        } finally {
            app.close();
        }
        assertThat(app.pool().isClosed()).isTrue();
    }
}
