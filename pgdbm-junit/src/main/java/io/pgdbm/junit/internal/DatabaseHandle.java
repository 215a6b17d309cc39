package io.pgdbm.junit.internal;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.PgdbmException;
import io.pgdbm.SharedPool;
import io.pgdbm.internal.Identifiers;
import io.pgdbm.junit.Cleanup;
import io.pgdbm.junit.TestDatabase;
import io.pgdbm.migration.Module;
import io.pgdbm.migration.ModuleSet;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test's database (a clone), schema set (SCHEMA isolation) or rolled-back transaction (TRANSACTION isolation),
 * with its pool and one manager per module. Every step that created something registers its undo as soon as it
 * succeeded, so a failure half-way (a failing migration) and {@link #close()} undo exactly what exists. Drops honour
 * the cleanup mode; pools and connection budget are always released. Thread-safe.
 */
public final class DatabaseHandle implements TestDatabase, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHandle.class);

    private record Step(String what, AutoCloseable undo, boolean drop) {
    }

    private final RunContext run;
    private final Cleanup cleanup;
    private final List<Step> steps = new ArrayList<>();
    private String name;
    private DatabaseConfig config;
    private SharedPool pool;
    private final Map<String, DatabaseManager> managers = new LinkedHashMap<>();
    private final Map<String, String> schemas = new HashMap<>(); // module name -> actual schema
    private List<Module> modules = List.of();
    private DatabaseManager defaultManager;
    private volatile boolean failed;
    private volatile Future<?> dropped;
    private boolean closed;

    private DatabaseHandle(RunContext run, Cleanup cleanup) {
        this.run = run;
        this.cleanup = cleanup;
    }

    /**
     * DATABASE isolation: a clone of the modules' template with its own pool. The database is made first and the
     * pool's connection slots taken after, so no thread holds slots while it waits for a template or a clone.
     */
    public static DatabaseHandle clone(RunContext run, Setup setup, CloneSource source, String suffix, Cleanup cleanup) {
        DatabaseHandle h = new DatabaseHandle(run, cleanup);
        return h.build(() -> {
            CloneSource.Clone clone = source.acquire(suffix);
            String db = clone.name();
            h.name = db;
            TestPool[] pool = new TestPool[1]; // the drop waits until the pool, closed in the background, is closed
            h.step("database " + db, () -> h.dropped = run.dropLater(db, pool[0]), true);
            pool[0] = clone.pool() != null ? clone.pool() : run.openPool(db);
            h.pool = pool[0].pool();
            h.step("pool", () -> run.closeLater(pool[0]), false); // the test does not wait for HikariCP to stop
            setup.modules().forEach(m -> h.schemas.put(m.name(), m.schema()));
            h.wire(setup.modules(), run.databaseConfig(db), null);
        });
    }

    /** SCHEMA isolation: a fresh schema per module in the run's shared database, migrated. */
    public static DatabaseHandle schemas(RunContext run, Setup setup, Cleanup cleanup) {
        DatabaseHandle h = new DatabaseHandle(run, cleanup);
        return h.build(() -> {
            DatabaseHandle shared = run.schemaDatabase();
            h.name = shared.name();
            h.pool = shared.pool();
            int seq = run.nextSequence();
            List<Module> modules = setup.modules();
            String only = null;
            if (modules.isEmpty()) {
                only = Names.schema(seq, null);
                h.createSchema(only);
            }
            for (Module m : modules) {
                String schema = Names.schema(seq, modules.size() == 1 ? null : m.schema() != null ? m.schema() : m.name());
                h.schemas.put(m.name(), schema);
                h.dropOnClose(schema); // created by the migrations below
                only = schema;
            }
            ModuleSet.of(modules.stream().map(m -> m.withSchema(h.schemas.get(m.name()))).toList())
                    .on(h.pool).files(run::migrations).migrate();
            h.wire(modules, shared.config, modules.size() <= 1 ? only : null);
        });
    }

    /** TRANSACTION isolation: one connection of {@code database} in a transaction that {@link #close()} rolls back. */
    public static DatabaseHandle pinned(RunContext run, DatabaseHandle database) {
        DatabaseHandle h = new DatabaseHandle(run, Cleanup.ALWAYS);
        return h.build(() -> {
            h.name = database.name;
            Connection physical = database.pool.dataSource().getConnection();
            h.step("connection", physical::close, false);
            physical.setAutoCommit(false);
            h.step("transaction", physical::rollback, false);
            DatabaseConfig base = database.config.toBuilder().schema(null).build();
            h.pool = SharedPool.create(base.toBuilder().minConnections(0).maxConnections(run.settings().poolMax()).build(),
                    new PinnedDataSource(physical));
            h.step("pool", h.pool::close, false);
            h.schemas.putAll(database.schemas);
            h.wire(database.modules, base, null);
        });
    }

    private interface Body {
        void run() throws Exception;
    }

    private DatabaseHandle build(Body body) {
        try {
            body.run();
            return this;
        } catch (Exception e) {
            failed = true; // a failed set-up keeps its database under ON_SUCCESS, like a failed test
            close(e);
            throw e instanceof RuntimeException r ? r : new PgdbmException("setting up a test database: " + e, e);
        }
    }

    private void createSchema(String schema) throws SQLException {
        try (Connection c = pool.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + Identifiers.quote(schema, "schema"));
        }
        dropOnClose(schema);
    }

    private void dropOnClose(String schema) {
        step("schema " + schema, () -> {
            try (Connection c = pool.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + Identifiers.quote(schema, "schema") + " CASCADE");
            }
        }, true);
    }

    private void wire(List<Module> modules, DatabaseConfig base, String ownSchema) {
        this.modules = modules;
        for (Module m : modules) {
            String schema = schemas.get(m.name());
            managers.put(m.name(), schema == null ? new DatabaseManager(pool) : new DatabaseManager(pool, schema));
        }
        String configSchema = ownSchema;
        if (modules.size() == 1) {
            defaultManager = managers.values().iterator().next();
            configSchema = schemas.get(modules.get(0).name());
        } else if (modules.isEmpty()) {
            defaultManager = ownSchema == null ? new DatabaseManager(pool) : new DatabaseManager(pool, ownSchema);
        }
        this.config = configSchema == null ? base : base.toBuilder().schema(configSchema).build();
    }

    private void step(String what, AutoCloseable undo, boolean drop) {
        synchronized (steps) {
            steps.add(new Step(what, undo, drop));
        }
    }

    /**
     * Waits until the database this handle dropped in the background is gone (after {@link #close()}), for owners
     * that promise "dropped when closed" (a factory used outside JUnit).
     */
    public void awaitDropped() {
        Future<?> f = dropped;
        if (f == null) {
            return;
        }
        try {
            f.get(run.settings().waitTimeout().toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("pgdbm: dropping {} has not finished; the next run's sweep removes it: {}", name, e.toString());
        }
    }

    /** Marks the owner failed, so {@link Cleanup#ON_SUCCESS} keeps what it created. */
    public void markFailed() {
        failed = true;
    }

    /** Whether {@link #close()} will drop (rather than keep) what this handle created. */
    public boolean dropsOnClose() {
        return cleanup == Cleanup.ALWAYS || (cleanup == Cleanup.ON_SUCCESS && !failed);
    }

    @Override
    public void close() {
        close(null);
    }

    private void close(Exception primary) {
        List<Step> undo;
        synchronized (steps) {
            if (closed) {
                return;
            }
            closed = true;
            undo = new ArrayList<>(steps);
        }
        boolean drop = dropsOnClose();
        RuntimeException failure = null;
        for (int i = undo.size() - 1; i >= 0; i--) {
            Step s = undo.get(i);
            if (s.drop() && !drop) {
                LOG.warn("pgdbm: kept {} ({}) for inspection: {}", s.what(), cleanup, run.databaseConfig(name).maskedUrl());
                continue;
            }
            try {
                s.undo().close();
            } catch (Exception e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else if (failure == null) {
                    failure = new PgdbmException("cleaning up " + s.what() + " of " + name + ": " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DatabaseConfig config() {
        return config;
    }

    @Override
    public String url() {
        return run.server().url(name);
    }

    @Override
    public String jdbcUrl() {
        return run.server().jdbcUrl(name);
    }

    @Override
    public SharedPool pool() {
        return pool;
    }

    @Override
    public DatabaseManager manager() {
        if (defaultManager == null) {
            throw new PgdbmException("This test has several modules " + managers.keySet() + "; ask for one by schema or"
                    + " module name: @PgdbmSchema(\"" + managers.keySet().iterator().next() + "\") DatabaseManager db");
        }
        return defaultManager;
    }

    @Override
    public DatabaseManager manager(String schemaOrModule) {
        for (Module m : modules) {
            if (Setup.matches(m, schemaOrModule)) {
                return managers.get(m.name());
            }
        }
        throw new PgdbmException("No module with schema or name '" + schemaOrModule + "'; the modules are "
                + modules.stream().map(m -> m.name() + (m.schema() == null ? "" : " (schema " + m.schema() + ")"))
                        .collect(Collectors.joining(", ", "[", "]")));
    }

    /**
     * Creates schema {@code schema} in this database and migrates {@code modules} into it (at most one: several
     * modules each need their own schema). Dropped with the database.
     */
    public DatabaseManager addSchema(String schema, List<Module> modules) {
        if (modules.size() > 1) {
            throw new PgdbmException("createSchema(\"" + schema + "\") applies one module's migrations into one schema, but"
                    + " there are several modules " + modules.stream().map(Module::name).toList()
                    + "; use createDatabase() instead, which has every module in its own schema");
        }
        try {
            try (Connection c = pool.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + Identifiers.quote(schema, "schema"));
            }
            ModuleSet.of(modules.stream().map(m -> m.withSchema(schema)).toList()).migrate(pool);
            return new DatabaseManager(pool, schema);
        } catch (SQLException e) {
            throw new PgdbmException("Could not create schema " + schema + " in " + name + " (SQLState " + e.getSQLState()
                    + "): " + e.getMessage(), e);
        }
    }

    /** The config of a module's manager, its schema set (the actual one under SCHEMA isolation). */
    public DatabaseConfig config(String schemaOrModule) {
        DatabaseManager m = manager(schemaOrModule);
        return config.toBuilder().schema(m.schema().orElse(null)).build();
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + (config.schema().isPresent() ? ", schema " + config.schema().get() : "") + "]";
    }
}
