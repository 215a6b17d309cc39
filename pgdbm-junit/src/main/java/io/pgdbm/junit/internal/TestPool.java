package io.pgdbm.junit.internal;

import io.pgdbm.SharedPool;

/** A test database's pool and the budget slots that cover its connections; closing it gives both back, once. */
public record TestPool(SharedPool pool, ConnectionBudget.Lease lease) implements AutoCloseable {

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            lease.close();
        }
    }
}
