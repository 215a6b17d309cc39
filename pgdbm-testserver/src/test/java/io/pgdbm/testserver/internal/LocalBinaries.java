package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.ProviderSettings;
import java.io.IOException;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests of the {@code local} provider itself: they are skipped, with the reason, on a machine without
 * PostgreSQL binaries (where the other providers still run the rest of the suite).
 *
 * <pre>{@code
 * @BeforeAll
 * static void needsBinaries() {
 *     LocalBinaries.assumeInstalled();
 * }
 * }</pre>
 */
public final class LocalBinaries {

    private LocalBinaries() {
    }

    /** Aborts the calling test unless {@code initdb} and {@code pg_ctl} are found as the local provider finds them. */
    public static void assumeInstalled() {
        try {
            PgBinaries.find(ProviderSettings.fromEnvironment().localBinDir());
        } catch (IOException e) {
            Assumptions.abort("needs installed PostgreSQL binaries: " + e.getMessage());
        }
    }
}
