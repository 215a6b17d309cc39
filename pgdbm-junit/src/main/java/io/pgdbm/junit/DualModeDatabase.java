package io.pgdbm.junit;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One invocation of a {@link DualModeTest}: the mode, a fresh database, and the way to construct the module under
 * test for that mode. Injected as a test parameter; everything it made is dropped after the invocation.
 *
 * <pre>{@code
 * @DualModeTest(schema = "billing")
 * void chargesOnce(DualModeDatabase db) {
 *     Billing billing = db.create(Billing::new, Billing::new);   // (config) or (manager, schema)
 *     billing.migrate();
 *     billing.charge("order-1");
 *     assertThat(db.database().manager().fetchValue(Long.class, "SELECT count(*) FROM billing.charges")).isOne();
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface DualModeDatabase {

    /** The schema a {@link DualModeTest} without {@code schema} gives the module. */
    String DEFAULT_SCHEMA = "dualmode";

    /** The schema of the other module that shares the database in {@link Mode#LIBRARY}; it has a table {@code marker}. */
    String NEIGHBOUR_SCHEMA = "neighbour";

    /** How the module under test is wired in this invocation. */
    enum Mode {
        /** The module owns its pool, built from {@link #config()}. */
        STANDALONE,
        /** The module borrows {@link #manager()}, a manager on a shared pool in the module's schema. */
        LIBRARY
    }

    Mode mode();

    /** The module's schema ({@link DualModeTest#schema()}). */
    String schema();

    /**
     * The fresh database's settings with {@link #schema()} set: what a standalone module opens its own pool with. In
     * {@link Mode#LIBRARY} it describes the same database and schema as {@link #manager()}.
     */
    DatabaseConfig config();

    /**
     * {@link Mode#LIBRARY}: the manager to hand the module (borrowing a shared pool, in {@link #schema()}).
     *
     * @throws IllegalStateException in {@link Mode#STANDALONE}, where the module opens its own pool from {@link #config()}
     */
    DatabaseManager manager();

    /** {@link Mode#LIBRARY}: the neighbour module's schema ({@value #NEIGHBOUR_SCHEMA}); empty in standalone. */
    Optional<String> neighbourSchema();

    /** The invocation's database, for looking at what the module did (its {@code manager()} is in {@code public}). */
    TestDatabase database();

    /**
     * Constructs the module under test the way the mode wants: {@code standalone.apply(config())} or
     * {@code library.apply(manager(), schema())}. A module that is {@link AutoCloseable} is closed after the
     * invocation if the test did not close it (closing twice must be harmless, as {@code close()} should be).
     */
    <T> T create(Function<DatabaseConfig, T> standalone, BiFunction<DatabaseManager, String, T> library);
}
