package io.pgdbm.examples.springdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.spring.test.AutoConfigurePgdbmDatabase;
import io.pgdbm.spring.test.CurrentTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.transaction.AfterTransaction;
import org.springframework.transaction.annotation.Transactional;

/** The same configuration as CatalogApplicationTest: the same cached context, another database per method. */
@SpringBootTest
@AutoConfigurePgdbmDatabase
class CatalogRepricingTest {
    @Autowired
    ApplicationContext context;
    @Autowired
    Catalog catalog;
    @Autowired
    CurrentTestDatabase database;

    @Test
    void repricesEveryProduct() {
        Contexts.SEEN.add(context);
        assertThat(Contexts.SEEN).as("contexts of the catalog's @SpringBootTest classes").hasSize(1);
        catalog.reprice(10);
        assertThat(catalog.priceOf("tea")).isEqualTo(495);
        // pgdbm's own view of the same database
        assertThat(database.get().manager().fetchValue(Long.class, "SELECT price_cents FROM products WHERE name = 'coffee'"))
                .isEqualTo(572L);
    }

    @Test
    @Transactional
    void aTransactionalTestIsRolledBack() {
        catalog.reprice(-50);
        assertThat(catalog.priceOf("tea")).isEqualTo(225);
    }

    @AfterTransaction
    void pricesAreBackAfterTheRollback() {
        assertThat(catalog.priceOf("tea")).isEqualTo(450);
    }
}
