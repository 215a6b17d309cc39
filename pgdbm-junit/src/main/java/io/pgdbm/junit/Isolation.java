package io.pgdbm.junit;

/**
 * How tests are kept apart from each other.
 *
 * <pre>{@code
 * @PgdbmTest(migrations = "classpath:db/orders", isolation = Isolation.TRANSACTION)
 * class FastOrderTest { ... }
 * }</pre>
 */
public enum Isolation {

    /**
     * Each test (or, for a {@code static} {@link PgdbmExtension} field, each test class) gets its own database,
     * a clone of a template database that was migrated once per distinct migration set. The strongest isolation:
     * any number of connections, commits, DDL, and nothing is shared. This is the default.
     */
    DATABASE,

    /**
     * Each test gets a fresh schema per module in one database shared by the run; the module's migrations are
     * applied into it (so they must name their tables {@code {{tables.x}}}, not a fixed schema). For servers where
     * the tests may not create databases per test, and for code that runs as a library in its own schema.
     * Objects outside the schema (extensions, roles, other schemas) are shared by all tests.
     */
    SCHEMA,

    /**
     * One database per test class (a template clone); each test runs inside one transaction that is rolled back
     * afterwards. The injected {@code DatabaseManager}, {@code SharedPool} and {@code DataSource} all hand out the
     * test's single connection, and {@code transaction(...)} inside the test becomes a savepoint. Limits: work done
     * on any other connection is not rolled back; a statement that fails outside {@code transaction(...)} aborts the
     * test's transaction (later statements fail); code that issues {@code COMMIT} itself, runs
     * {@code CREATE DATABASE}/{@code VACUUM}/{@code CREATE INDEX CONCURRENTLY}, or needs two connections that see
     * each other's work cannot be tested this way: use {@link #DATABASE}.
     */
    TRANSACTION
}
