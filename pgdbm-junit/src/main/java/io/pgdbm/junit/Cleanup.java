package io.pgdbm.junit;

/**
 * What happens to a test's databases and schemas after the test.
 *
 * <p>The configuration parameter (or system property) {@code pgdbm.test.cleanup} overrides the value of every
 * extension in the run, e.g. {@code -Dpgdbm.test.cleanup=ON_SUCCESS} to keep what failing tests left behind.
 *
 * <pre>{@code
 * @PgdbmTest(migrations = "classpath:db/orders", cleanup = Cleanup.ON_SUCCESS)
 * }</pre>
 */
public enum Cleanup {

    /** Always dropped, with their connections terminated (the default). */
    ALWAYS,

    /**
     * Dropped after a passing test; kept after a failing one (including a failing set-up), with its URL logged and
     * published as a report entry {@code pgdbm.kept}. Kept databases belong to the run, so the next run's sweep
     * removes them: inspect them before running the tests again.
     */
    ON_SUCCESS,

    /** Never dropped by the test; the next run's sweep removes them. For debugging one test. */
    NEVER
}
