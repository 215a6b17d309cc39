package io.pgdbm.junit;

import io.pgdbm.junit.internal.DatabaseHandle;
import io.pgdbm.junit.internal.RunContext;
import io.pgdbm.junit.internal.Setup;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What pgdbm created for one test (or test class): its database, schema set or transaction, and its factory;
 * kept in that test's {@link ExtensionContext.Store} so JUnit closes it however the test ends. Created lazily,
 * by the first parameter that needs it.
 */
@SuppressWarnings("deprecation") // CloseableResource: still what JUnit before 5.13 closes
final class TestScope implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    enum Kind { CLONE, SCHEMA, TRANSACTION }

    private final RunContext run;
    private final Setup setup;
    private final Cleanup cleanup;
    private final Kind kind;
    private final Supplier<DatabaseHandle> parent;
    private DatabaseHandle database;
    private TestDatabaseFactory factory;
    private volatile boolean failed;
    private boolean closed;

    TestScope(RunContext run, Setup setup, Cleanup cleanup, Kind kind, Supplier<DatabaseHandle> parent) {
        this.run = run;
        this.setup = setup;
        this.cleanup = cleanup;
        this.kind = kind;
        this.parent = parent;
    }

    synchronized DatabaseHandle database() {
        if (closed) {
            throw new IllegalStateException("the test's pgdbm resources were already cleaned up");
        }
        if (database == null) {
            database = switch (kind) {
                case CLONE -> DatabaseHandle.clone(run, setup, run.cloneSource(setup.template()), null, cleanup);
                case SCHEMA -> DatabaseHandle.schemas(run, setup, cleanup);
                case TRANSACTION -> DatabaseHandle.pinned(run, parent.get());
            };
            if (failed) {
                database.markFailed();
            }
        }
        return database;
    }

    synchronized TestDatabaseFactory factory() {
        if (factory == null) {
            factory = new TestDatabaseFactory(run, false, setup, cleanup);
        }
        return factory;
    }

    synchronized void markFailed() {
        failed = true;
        if (database != null) {
            database.markFailed();
        }
        if (factory != null) {
            factory.markFailed();
        }
    }

    /** The URL of the database that cleanup will keep, if any. */
    synchronized String keptUrl() {
        return database != null && kind != Kind.TRANSACTION && !database.dropsOnClose() ? database.url() : null;
    }

    @Override
    public void close() {
        TestDatabaseFactory f;
        DatabaseHandle d;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            f = factory;
            d = database;
        }
        try {
            if (f != null) {
                f.close();
            }
        } finally {
            if (d != null) {
                d.close();
            }
        }
    }
}
