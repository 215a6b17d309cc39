package io.pgdbm.spring.test;

import io.pgdbm.junit.TestDatabase;

/**
 * The database the test context's {@code DataSource} is on right now, as a bean of every context with
 * {@link AutoConfigurePgdbmDatabase}: for a look at its name or URL, or a pgdbm manager on it.
 *
 * <pre>{@code
 * @Autowired CurrentTestDatabase database;
 *
 * @Test
 * void startsEmpty() {
 *     assertThat(database.get().manager().fetchValue(Long.class, "SELECT count(*) FROM orders")).isZero();
 * }
 * }</pre>
 *
 * <p>Which database a connection goes to: the test method's own, on the thread that runs it and on threads started
 * from it while it runs. On any other thread (a web server's, a pool the application started) it is the database of
 * the test method running, when one is; when several run in parallel on the same context such a thread cannot tell
 * which is meant, and getting a connection fails with a message saying so. Outside test methods (while the context
 * starts, between tests) connections go to a database of the context's own, migrated like the others.
 */
public interface CurrentTestDatabase {

    /** The database a connection taken on this thread now goes to. */
    TestDatabase get();
}
