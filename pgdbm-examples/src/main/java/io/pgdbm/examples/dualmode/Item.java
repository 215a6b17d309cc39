package io.pgdbm.examples.dualmode;

/** An item served by {@link ServiceApp}. */
public record Item(long id, String name) {
}
