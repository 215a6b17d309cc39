package io.pgdbm.examples.springdata;

import java.util.NoSuchElementException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalog's operations over the repository. */
@Service
public class Catalog {
    private final ProductRepository products;

    public Catalog(ProductRepository products) {
        this.products = products;
    }

    public Product add(String name, long priceCents) {
        return products.save(Product.named(name, priceCents));
    }

    /** Changes the price of every product by {@code percent}, in one transaction. */
    @Transactional
    public void reprice(int percent) {
        for (Product p : products.findAll()) {
            products.save(new Product(p.id(), p.name(), p.priceCents() * (100 + percent) / 100));
        }
    }

    public long priceOf(String name) {
        return products.findByName(name).map(Product::priceCents)
                .orElseThrow(() -> new NoSuchElementException("no product " + name));
    }
}
