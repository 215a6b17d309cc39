package io.pgdbm.examples.spring;

import java.time.OffsetDateTime;

/** A row of {@code users.users}, as {@code GET /users/{id}} returns it. */
public record User(long id, String email, OffsetDateTime createdAt) {
}
