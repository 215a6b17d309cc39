package io.pgdbm.examples.dualmode;

/** A user served by {@link ServiceApp}. */
public record User(long id, String email) {
}
