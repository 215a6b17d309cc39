package io.pgdbm.junit.internal;

import io.pgdbm.ConfigurationException;
import io.pgdbm.junit.Cleanup;
import io.pgdbm.testserver.ProviderSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Run-wide settings of the extension beyond the server's, read like {@link ProviderSettings}: the lookup (JUnit
 * configuration parameters), then system properties, then environment variables ({@code PGDBM_TEST_POOL_MAX}).
 */
public record TestSettings(Optional<Cleanup> cleanupOverride, int poolMax, String cloneStrategy, Duration waitTimeout,
                           int clonesAhead, boolean keepTemplates, boolean required) {

    public static final String CLEANUP_KEY = "pgdbm.test.cleanup";
    public static final String POOL_MAX_KEY = "pgdbm.test.pool.max";
    public static final String CLONE_STRATEGY_KEY = "pgdbm.test.clone.strategy";
    public static final String WAIT_TIMEOUT_KEY = "pgdbm.test.wait.seconds";
    public static final String CLONES_AHEAD_KEY = "pgdbm.test.clones.ahead";
    /**
     * {@code true} keeps template databases after the run, so the next run on the same server reuses them instead of
     * migrating again (fast local re-runs); by default a run drops the templates no other run is using, and leaves
     * no {@code pgdbm_} database behind.
     */
    public static final String KEEP_TEMPLATES_KEY = "pgdbm.test.templates.keep";
    /**
     * {@code false} skips (aborts) pgdbm tests when no provider can supply a server, instead of failing them with the
     * list of providers and why each was not used.
     */
    public static final String REQUIRED_KEY = "pgdbm.test.required";
    /**
     * FILE_COPY: ten clones of a 20-table template, back to back through psql, took 116 ms each against WAL_LOG's
     * 262 ms on a private fsync-off cluster (the local provider's), and 83 ms against 94 ms on an fsync-on server.
     * Under concurrent load on the fsync-on server WAL_LOG was sometimes the faster one, so it stays a setting.
     */
    static final String DEFAULT_CLONE_STRATEGY = "FILE_COPY";

    public static TestSettings defaults() {
        return from(key -> Optional.empty());
    }

    public static TestSettings from(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> resolve = resolver(lookup);
        Optional<Cleanup> cleanup = resolve.apply(CLEANUP_KEY).map(v -> parseCleanup(v));
        int poolMax = resolve.apply(POOL_MAX_KEY).map(v -> parseInt(POOL_MAX_KEY, v, 1)).orElse(5);
        String strategy = resolve.apply(CLONE_STRATEGY_KEY).map(v -> v.toUpperCase(Locale.ROOT)).orElse(DEFAULT_CLONE_STRATEGY);
        if (!strategy.equals("FILE_COPY") && !strategy.equals("WAL_LOG")) {
            throw new ConfigurationException(CLONE_STRATEGY_KEY, CLONE_STRATEGY_KEY + " must be FILE_COPY or WAL_LOG, was '"
                    + strategy + "'");
        }
        int wait = resolve.apply(WAIT_TIMEOUT_KEY).map(v -> parseInt(WAIT_TIMEOUT_KEY, v, 1)).orElse(600);
        int ahead = resolve.apply(CLONES_AHEAD_KEY).map(v -> parseInt(CLONES_AHEAD_KEY, v, 0)).orElse(2);
        if (ahead > 16) {
            throw new ConfigurationException(CLONES_AHEAD_KEY, CLONES_AHEAD_KEY + " must be between 0 and 16, was " + ahead);
        }
        // a reused cluster (pgdbm.test.reuse; with the url provider it means only this) keeps its templates too
        boolean keep = resolve.apply(KEEP_TEMPLATES_KEY).map(Boolean::parseBoolean).orElse(false)
                || resolve.apply(ProviderSettings.REUSE_KEY).map(Boolean::parseBoolean).orElse(false);
        boolean required = resolve.apply(REQUIRED_KEY).map(Boolean::parseBoolean).orElse(true);
        return new TestSettings(cleanup, poolMax, strategy, Duration.ofSeconds(wait), ahead, keep, required);
    }

    /**
     * How every pgdbm test setting is read: {@code lookup} (JUnit configuration parameters), then system properties,
     * then environment variables ({@code pgdbm.test.pool.max} as {@code PGDBM_TEST_POOL_MAX}); blank means unset.
     */
    public static Function<String, Optional<String>> resolver(Function<String, Optional<String>> lookup) {
        return key -> lookup.apply(key)
                .or(() -> Optional.ofNullable(System.getProperty(key)))
                .or(() -> Optional.ofNullable(System.getenv(ProviderSettings.environmentName(key))))
                .map(String::trim)
                .filter(v -> !v.isEmpty());
    }

    private static Cleanup parseCleanup(String value) {
        try {
            return Cleanup.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(CLEANUP_KEY, CLEANUP_KEY + " must be ALWAYS, ON_SUCCESS or NEVER, was '"
                    + value + "'");
        }
    }

    private static int parseInt(String key, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(key, key + " must be a whole number of at least " + min + ", was '" + value + "'");
    }

    public Cleanup effective(Cleanup configured) {
        return cleanupOverride.orElse(configured);
    }
}
