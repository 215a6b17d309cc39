package io.pgdbm.junit;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;

/**
 * A throwaway database of one test (or test class): its name, where it is, and its managers. Dropped by the
 * extension or the {@link TestDatabaseFactory} that made it; never close its pool or managers yourself.
 *
 * <pre>{@code
 * @Test
 * void printsWhereItRuns(TestDatabase db) {
 *     System.out.println(db.name() + " at " + db.jdbcUrl());
 * }
 * }</pre>
 */
public interface TestDatabase {

    /** The database name, e.g. {@code pgdbm_k3x9a0qz_17}. */
    String name();

    /** The database's connection settings (the schema set when the test has one schema of its own). */
    DatabaseConfig config();

    /** {@code postgresql://user@host:port/name}, for {@code psql} and {@link DatabaseConfig#fromUrl(String)}. */
    String url();

    /** {@code jdbc:postgresql://host:port/name}. */
    String jdbcUrl();

    /** The pool every manager of this database borrows. */
    SharedPool pool();

    /** The manager of the only module (or of {@code public} when there are no modules). */
    DatabaseManager manager();

    /** The manager of the module with this schema or module name. */
    DatabaseManager manager(String schemaOrModule);
}
