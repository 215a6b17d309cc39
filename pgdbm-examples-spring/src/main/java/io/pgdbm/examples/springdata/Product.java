package io.pgdbm.examples.springdata;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of {@code products}, mapped by Spring Data JDBC. */
@Table("products")
public record Product(@Id Long id, String name, long priceCents) {

    static Product named(String name, long priceCents) {
        return new Product(null, name, priceCents);
    }
}
