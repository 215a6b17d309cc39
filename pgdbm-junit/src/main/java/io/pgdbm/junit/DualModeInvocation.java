package io.pgdbm.junit;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.PgdbmException;
import io.pgdbm.internal.Identifiers;
import io.pgdbm.junit.internal.DatabaseHandle;
import io.pgdbm.junit.internal.RunContext;
import io.pgdbm.junit.internal.Setup;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link DualModeDatabase} of one invocation: a fresh database, closed (modules, then database) after it. */
@SuppressWarnings("deprecation") // CloseableResource: still what JUnit before 5.13 closes
final class DualModeInvocation implements DualModeDatabase, ExtensionContext.Store.CloseableResource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DualModeInvocation.class);

    private final Mode mode;
    private final String schema;
    private final DatabaseHandle database;
    private final DatabaseManager manager;
    private final List<AutoCloseable> created = new ArrayList<>();

    private DualModeInvocation(Mode mode, String schema, DatabaseHandle database, DatabaseManager manager) {
        this.mode = mode;
        this.schema = schema;
        this.database = database;
        this.manager = manager;
    }

    static DualModeInvocation open(RunContext run, Mode mode, String schema) {
        Identifiers.require(schema, "schema");
        if (schema.equals(NEIGHBOUR_SCHEMA)) {
            throw new PgdbmException("@DualModeTest(schema = \"" + NEIGHBOUR_SCHEMA + "\") is the neighbour module's"
                    + " schema; choose another schema for the module under test");
        }
        DatabaseHandle db = DatabaseHandle.clone(run, Setup.empty(), run.cloneSource(List.of()), null,
                run.settings().effective(Cleanup.ALWAYS));
        try {
            DatabaseManager manager = null;
            if (mode == Mode.LIBRARY) {
                // another module already lives in the database, as it would in a real parent application
                db.manager().execute("CREATE SCHEMA " + NEIGHBOUR_SCHEMA + "; CREATE TABLE " + NEIGHBOUR_SCHEMA
                        + ".marker (id int PRIMARY KEY, note text NOT NULL); INSERT INTO " + NEIGHBOUR_SCHEMA
                        + ".marker VALUES (1, 'owned by the neighbour module'); CREATE SCHEMA "
                        + Identifiers.quote(schema, "schema"));
                manager = new DatabaseManager(db.pool(), schema);
            }
            return new DualModeInvocation(mode, schema, db, manager);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public DatabaseConfig config() {
        return database.config().toBuilder().schema(schema).build();
    }

    @Override
    public DatabaseManager manager() {
        if (manager == null) {
            throw new IllegalStateException("In STANDALONE mode the module owns its pool: build it from config(), or use"
                    + " create(config -> ..., (manager, schema) -> ...) so the same test body serves both modes");
        }
        return manager;
    }

    @Override
    public Optional<String> neighbourSchema() {
        return mode == Mode.LIBRARY ? Optional.of(NEIGHBOUR_SCHEMA) : Optional.empty();
    }

    @Override
    public TestDatabase database() {
        return database;
    }

    @Override
    public <T> T create(Function<DatabaseConfig, T> standalone, BiFunction<DatabaseManager, String, T> library) {
        Objects.requireNonNull(standalone, "standalone");
        Objects.requireNonNull(library, "library");
        T module = mode == Mode.STANDALONE ? standalone.apply(config()) : library.apply(manager, schema);
        if (module instanceof AutoCloseable c) {
            synchronized (created) {
                created.add(c);
            }
        }
        return module;
    }

    @Override
    public void close() {
        List<AutoCloseable> modules;
        synchronized (created) {
            modules = new ArrayList<>(created);
            created.clear();
        }
        for (int i = modules.size() - 1; i >= 0; i--) {
            try {
                modules.get(i).close();
            } catch (Exception e) {
                LOG.warn("pgdbm: closing {} after a @DualModeTest invocation failed: {}", modules.get(i), e.toString());
            }
        }
        database.close();
    }

    @Override
    public String toString() {
        return "DualModeDatabase[" + mode + ", " + database.name() + ", schema " + schema + "]";
    }
}
