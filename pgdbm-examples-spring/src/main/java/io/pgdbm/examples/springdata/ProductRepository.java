package io.pgdbm.examples.springdata;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

/** Products through a Spring Data JDBC repository. */
public interface ProductRepository extends ListCrudRepository<Product, Long> {

    Optional<Product> findByName(String name);

    List<Product> findByPriceCentsLessThanOrderByPriceCents(long priceCents);
}
