package io.pgdbm.junit;

import io.pgdbm.DatabaseManager;
import io.pgdbm.PgdbmException;
import io.pgdbm.internal.Identifiers;
import io.pgdbm.junit.internal.DatabaseHandle;
import io.pgdbm.junit.internal.RunContext;
import io.pgdbm.junit.internal.Setup;
import io.pgdbm.junit.internal.TestSettings;
import io.pgdbm.migration.Module;
import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Makes more throwaway databases and schemas for a test, each migrated like the test's own and all dropped when
 * the factory closes (the extension closes the one it injects after the test, even when the test or its set-up
 * failed). Outside JUnit, use it with try-with-resources:
 *
 * <pre>{@code
 * try (TestDatabaseFactory factory = TestDatabaseFactory.create(PostgresServers.shared(), "classpath:db/orders")) {
 *     DatabaseManager db = factory.createDatabase("orders");
 *     db.execute("INSERT INTO {{tables.orders}} (total) VALUES (1)");
 * }
 * }</pre>
 *
 * <p>A factory of a {@link TemplatePreparer}'s databases gives one {@link TestDatabase} per call, for a framework
 * that hands each test its own (a Spring test context, say), and can drop each as soon as its test ends:
 *
 * <pre>{@code
 * try (TestDatabaseFactory factory = TestDatabaseFactory.create(PostgresServers.shared(),
 *         TemplatePreparer.sqlScripts("classpath:schema.sql"))) {
 *     TestDatabase db = factory.createTestDatabase();
 *     DataSource dataSource = db.pool().dataSource();
 *     // ... the test ...
 *     factory.drop(db);
 * }
 * }</pre>
 *
 * <p>Managers it returns borrow the database's pool: do not close them. Thread-safe.
 */
public final class TestDatabaseFactory implements AutoCloseable {
    private final RunContext run;
    private final boolean ownsRun;
    private final Setup setup;
    private final Cleanup cleanup;
    private final Deque<DatabaseHandle> created = new ArrayDeque<>();
    private DatabaseHandle schemaHome;
    private boolean closed;

    TestDatabaseFactory(RunContext run, boolean ownsRun, Setup setup, Cleanup cleanup) {
        this.run = run;
        this.ownsRun = ownsRun;
        this.setup = setup;
        this.cleanup = cleanup;
    }

    /** A factory of empty databases on the JVM's shared server. */
    public static TestDatabaseFactory create() {
        return create(PostgresServers.shared());
    }

    /** A factory of empty databases on {@code server}. */
    public static TestDatabaseFactory create(PostgresServer server) {
        return create(server, new String[0]);
    }

    /** A factory whose databases have the migrations of {@code migrationLocations} applied (module "default"). */
    public static TestDatabaseFactory create(PostgresServer server, String... migrationLocations) {
        Objects.requireNonNull(server, "server");
        List<Module> modules = migrationLocations.length == 0 ? List.of()
                : List.of(new Module("default", Arrays.asList(migrationLocations), null, List.of()));
        Setup setup = new Setup(modules, Isolation.DATABASE, Cleanup.ALWAYS); // checks the locations first
        TestSettings settings = TestSettings.defaults();
        return new TestDatabaseFactory(RunContext.acquire(server, settings), true, setup, settings.effective(Cleanup.ALWAYS));
    }

    /**
     * A factory whose databases are clones of the template {@code preparer} builds (once per distinct fingerprint,
     * shared with every other run on the server).
     */
    public static TestDatabaseFactory create(PostgresServer server, TemplatePreparer preparer) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(preparer, "preparer");
        Setup setup = new Setup(preparer, List.of(), Isolation.DATABASE, Cleanup.ALWAYS);
        TestSettings settings = TestSettings.defaults();
        return new TestDatabaseFactory(RunContext.acquire(server, settings), true, setup, settings.effective(Cleanup.ALWAYS));
    }

    /**
     * A new prepared and migrated database, with its pool open. It is dropped by {@link #drop} or when the factory
     * closes.
     */
    public TestDatabase createTestDatabase() {
        return register(DatabaseHandle.clone(run, setup, run.cloneSource(setup.template()), null, cleanup));
    }

    /**
     * Drops a database of this factory now: its pool is closed at once and the database dropped in the background
     * (the factory's {@link #close()} waits for that). Idempotent.
     *
     * @throws IllegalArgumentException for a database this factory did not make
     */
    public void drop(TestDatabase database) {
        DatabaseHandle handle;
        synchronized (this) {
            if (!(database instanceof DatabaseHandle h) || !created.contains(h)) {
                throw new IllegalArgumentException("The database " + (database == null ? null : database.name())
                        + " was not made by this TestDatabaseFactory");
            }
            handle = h;
        }
        handle.close();
    }

    /** A new migrated database; returns the manager of its only module (or of {@code public}). */
    public DatabaseManager createDatabase() {
        return createDatabase(null, null);
    }

    /** {@link #createDatabase()} with {@code suffix} (sanitized) at the end of the database name. */
    public DatabaseManager createDatabase(String suffix) {
        return createDatabase(suffix, null);
    }

    /**
     * A new migrated database whose module's tables are in {@code schema} (its migrations applied there, as a
     * library embedded in another application's database would have them), and that module's manager. Without
     * modules: an empty database with {@code schema} created. {@code null} schema: {@link #createDatabase(String)}.
     *
     * @throws PgdbmException for an invalid schema name (before anything is created), or when the factory has
     *         several modules (each has its own schema; use {@link #createDatabase(String)} and the module schemas)
     */
    public DatabaseManager createDatabase(String suffix, String schema) {
        if (schema == null) {
            DatabaseHandle db = register(DatabaseHandle.clone(run, setup, run.cloneSource(setup.template()), suffix, cleanup));
            return setup.modules().size() == 1 ? db.manager() : new DatabaseManager(db.pool());
        }
        Identifiers.require(schema, "schema");
        requireOpen();
        requireNoPreparer("createDatabase(suffix, \"" + schema + "\")");
        List<Module> modules = setup.modules();
        if (modules.size() > 1) {
            throw new PgdbmException("createDatabase(suffix, \"" + schema + "\") puts one module's tables into schema "
                    + schema + ", but this factory has several modules " + modules.stream().map(Module::name).toList()
                    + ", each in its own schema; use createDatabase(suffix) and ask for each module's schema");
        }
        if (modules.isEmpty()) {
            DatabaseHandle db = register(DatabaseHandle.clone(run, setup, run.cloneSource(modules), suffix, cleanup));
            try (Connection c = db.pool().dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema, "schema"));
            } catch (SQLException e) {
                throw new PgdbmException("Could not create schema " + schema + " in " + db.name() + ": " + e.getMessage(), e);
            }
            return new DatabaseManager(db.pool(), schema);
        }
        Setup inSchema = new Setup(List.of(modules.get(0).withSchema(schema)), setup.isolation(), setup.cleanup());
        return register(DatabaseHandle.clone(run, inSchema, run.cloneSource(inSchema.modules()), suffix, cleanup)).manager();
    }

    /**
     * A new schema {@code name} with the module's migrations applied into it, and a manager borrowing a pool shared
     * by all schemas of this factory (one database per factory, created on first use) — a module running as a
     * library in its own schema.
     */
    public DatabaseManager createSchema(String name) {
        Identifiers.require(name, "schema");
        requireNoPreparer("createSchema(\"" + name + "\")");
        DatabaseHandle home;
        synchronized (this) {
            requireOpen();
            if (schemaHome == null) {
                schemaHome = register(DatabaseHandle.clone(run, Setup.empty(), run.cloneSource(List.of()), "schemas", cleanup));
            }
            home = schemaHome;
        }
        return home.addSchema(name, setup.modules());
    }

    private synchronized DatabaseHandle register(DatabaseHandle db) {
        if (closed) {
            db.close();
            requireOpen();
        }
        created.push(db);
        return db;
    }

    private void requireNoPreparer(String call) {
        if (setup.preparer() != null) {
            throw new PgdbmException(call + " applies pgdbm migrations into a schema of your choice, which the"
                    + " template preparer " + setup.preparer().identity() + " cannot do; use createDatabase() or"
                    + " createTestDatabase(), whose databases are clones of the prepared template");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new PgdbmException("This TestDatabaseFactory is closed; its databases were dropped after the test");
        }
    }

    /** Keeps this factory's databases under {@link Cleanup#ON_SUCCESS}. */
    synchronized void markFailed() {
        created.forEach(DatabaseHandle::markFailed);
    }

    /**
     * Drops every database and schema this factory made (as the cleanup mode says); idempotent. A factory made with
     * {@code create(...)} returns once they are gone.
     */
    @Override
    public void close() {
        List<DatabaseHandle> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = List.copyOf(created);
        }
        RuntimeException failure = null;
        for (DatabaseHandle db : toClose) {
            try {
                db.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (ownsRun) {
            // the run may go on (shared with the extension or other factories): its databases are gone on return
            toClose.forEach(DatabaseHandle::awaitDropped);
            run.close();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
