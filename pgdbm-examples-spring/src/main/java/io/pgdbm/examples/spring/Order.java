package io.pgdbm.examples.spring;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A row of {@code orders.orders}. */
public record Order(long id, long userId, BigDecimal total, OffsetDateTime createdAt) {
}
