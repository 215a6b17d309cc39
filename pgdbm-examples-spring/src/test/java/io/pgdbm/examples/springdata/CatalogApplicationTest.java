package io.pgdbm.examples.springdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.spring.test.AutoConfigurePgdbmDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

// snippet:spring-boot-test
@SpringBootTest
@AutoConfigurePgdbmDatabase   // the template: the application's Flyway migrations (db/migration)
class CatalogApplicationTest {
    @Autowired
    Catalog catalog;
    @Autowired
    ProductRepository products;

    @Test
    void addsAProduct() {
        catalog.add("cocoa", 380);
        assertThat(products.count()).isEqualTo(3);   // the two of V2__starter_products.sql, and cocoa
    }

    @Test
    void startsFromTheMigratedTemplateAgain() {
        assertThat(products.count()).isEqualTo(2);   // whichever runs first: each method has a fresh database
    }

    @Test
    void sharesTheCachedContext(@Autowired ApplicationContext context) {
        Contexts.SEEN.add(context);
        assertThat(Contexts.SEEN).hasSize(1);        // the one CatalogRepricingTest (same configuration) gets
    }
}
// end:spring-boot-test
