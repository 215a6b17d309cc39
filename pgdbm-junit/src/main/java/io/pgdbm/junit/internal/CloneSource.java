package io.pgdbm.junit.internal;

/**
 * Where a test's fresh, migrated database comes from. The caller owns the returned database and drops it. The
 * plain source clones a template on demand; a source that prepares clones ahead can take its place.
 */
public interface CloneSource {

    /** Creates (or hands over) a migrated database named for the run, with the optional suffix when it can. */
    Clone acquire(String suffix);

    /**
     * A test database, and its pool when one was opened ahead of time (then with one connection ready and its budget
     * slots held); the caller owns both.
     */
    record Clone(String name, TestPool pool) {
    }
}
