package io.pgdbm.spring.test.internal;

import io.pgdbm.junit.TestDatabase;
import io.pgdbm.junit.TestDatabaseFactory;
import io.pgdbm.spring.test.CurrentTestDatabase;
import io.pgdbm.testserver.PostgresServers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The databases of one test context: a fresh one per test method, and which one a thread's connections go to.
 * Thread-safe. Closing it (with the context) drops every database it made.
 *
 * <p>The test method's thread and the threads started from it while it runs (inherited) are bound to its database;
 * a binding outlives its test in a thread only as a stale one, which is ignored. Any other thread gets the database
 * of the only test method running, or the context's own database when none runs; with several running in parallel
 * it cannot tell which is meant and fails.
 */
final class DatabaseRouter implements CurrentTestDatabase, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRouter.class);
    /** Its bean name in the context; {@link CurrentTestDatabase} by type. */
    static final String BEAN_NAME = "pgdbmCurrentTestDatabase";

    /** One test method's database. */
    final class Binding implements AutoCloseable {
        private final String test;
        private final TestDatabase database;
        private volatile boolean ended;

        private Binding(String test, TestDatabase database) {
            this.test = test;
            this.database = database;
        }

        TestDatabase database() {
            return database;
        }

        /** Ends the test method: its threads fall back as unbound ones, and its database is dropped. */
        @Override
        public void close() {
            end(this);
        }
    }

    private final Template template;
    private final String owner;
    private final Supplier<TestDatabaseFactory> factories;
    private final InheritableThreadLocal<Binding> bound = new InheritableThreadLocal<>();
    private final List<Binding> running = new ArrayList<>(); // guarded by this
    private TestDatabaseFactory factory; // guarded by this
    private TestDatabase contextDatabase; // guarded by this
    private boolean closed; // guarded by this

    DatabaseRouter(Template template, String owner) {
        this.template = template;
        this.owner = owner;
        this.factories = () -> template.open(PostgresServers.shared());
    }

    /** Gives the calling thread (and threads it starts) a fresh database until the binding is closed. */
    Binding begin(String test) {
        Binding binding = new Binding(test, factory().createTestDatabase());
        synchronized (this) {
            running.add(binding);
        }
        bound.set(binding);
        LOG.debug("pgdbm: {} runs on {}", test, binding.database.name());
        return binding;
    }

    private void end(Binding binding) {
        TestDatabaseFactory f;
        synchronized (this) {
            if (binding.ended) {
                return;
            }
            binding.ended = true;
            running.remove(binding);
            f = factory;
        }
        if (bound.get() == binding) {
            bound.remove();
        }
        f.drop(binding.database);
    }

    @Override
    public TestDatabase get() {
        Binding mine = bound.get();
        if (mine != null && !mine.ended) {
            return mine.database;
        }
        synchronized (this) {
            requireOpen();
            if (running.size() == 1) {
                return running.get(0).database;
            }
            if (running.isEmpty()) {
                if (contextDatabase == null) {
                    contextDatabase = factory().createTestDatabase();
                }
                return contextDatabase;
            }
            throw new IllegalStateException("Thread " + Thread.currentThread().getName() + " asks for a connection"
                    + " of the pgdbm test DataSource while " + running.size() + " test methods run in parallel on the"
                    + " same Spring context (" + running.stream().map(b -> b.test).toList() + "), and it was not"
                    + " started by any of them (a web server's or a pool's thread), so it cannot tell whose database"
                    + " is meant. Run these tests one at a time: annotate the class with @Execution(SAME_THREAD) or"
                    + " @ResourceLock(\"pgdbm-spring\")");
        }
    }

    private synchronized TestDatabaseFactory factory() {
        requireOpen();
        if (factory == null) {
            factory = factories.get();
        }
        return factory;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The Spring test context of " + owner + " is closed, and with it its"
                    + " pgdbm test databases; a connection was asked for after that");
        }
    }

    /** Drops every database made for the context; idempotent. */
    @Override
    public void close() {
        TestDatabaseFactory f;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running.forEach(b -> b.ended = true);
            running.clear();
            f = factory;
        }
        if (f != null) {
            LOG.debug("pgdbm: {} closed; dropping its databases", owner);
            f.close();
        }
    }

    @Override
    public String toString() {
        return "pgdbm test databases of " + owner + " (" + template.describe() + ")";
    }
}
