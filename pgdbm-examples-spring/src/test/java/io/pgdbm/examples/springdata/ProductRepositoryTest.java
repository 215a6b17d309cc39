package io.pgdbm.examples.springdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.spring.test.AutoConfigurePgdbmDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.data.jdbc.DataJdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;

// snippet:spring-slice-test
@DataJdbcTest
@AutoConfigurePgdbmDatabase   // PostgreSQL with the migrations, not the embedded database the slice would put in
class ProductRepositoryTest {
    @Autowired
    ProductRepository products;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void findsTheCheaperProductsInPriceOrder() {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        products.save(Product.named("water", 100));
        assertThat(products.findByPriceCentsLessThanOrderByPriceCents(500))
                .extracting(Product::name).containsExactly("water", "tea");
    }
}
// end:spring-slice-test
