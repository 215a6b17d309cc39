package io.pgdbm.junit.internal;

import io.pgdbm.ConfigurationException;
import io.pgdbm.internal.Identifiers;
import io.pgdbm.junit.Isolation;
import io.pgdbm.junit.MigrationFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The suite's defaults for every test class that uses pgdbm: what a class gets for each setting that neither its
 * builder nor its {@code @PgdbmTest} sets. Read like {@link TestSettings}: JUnit configuration parameters
 * ({@code junit-platform.properties}), then system properties, then environment variables.
 *
 * <pre>
 * pgdbm.test.migrations=classpath:db/migrations
 * pgdbm.test.migrations.format=pgdbm
 * pgdbm.test.module=orders
 * pgdbm.test.schema=orders
 * pgdbm.test.isolation=SCHEMA
 * pgdbm.test.preparer=com.example.ReferenceData
 * </pre>
 */
public record SuiteDefaults(List<String> migrations, Optional<String> module, Optional<String> schema,
                            Optional<Isolation> isolation, Optional<String> preparer, Optional<MigrationFormat> format) {

    /** Migration locations, comma-separated, applied in order. */
    public static final String MIGRATIONS_KEY = "pgdbm.test.migrations";
    /** The module name recorded with the migrations. */
    public static final String MODULE_KEY = "pgdbm.test.module";
    /** The schema the module lives in. */
    public static final String SCHEMA_KEY = "pgdbm.test.schema";
    /** {@code DATABASE}, {@code SCHEMA} or {@code TRANSACTION}. */
    public static final String ISOLATION_KEY = "pgdbm.test.isolation";
    /** {@code pgdbm} (the default), {@code flyway}, {@code liquibase} or {@code sql}: what the migrations are. */
    public static final String FORMAT_KEY = "pgdbm.test.migrations.format";
    /** The class name of a {@code TemplatePreparer} with a no-argument constructor. */
    public static final String PREPARER_KEY = "pgdbm.test.preparer";

    public SuiteDefaults {
        migrations = List.copyOf(migrations);
    }

    public static SuiteDefaults none() {
        return new SuiteDefaults(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** @throws ConfigurationException naming the key, for an unknown isolation or an invalid schema name */
    public static SuiteDefaults from(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> resolve = TestSettings.resolver(lookup);
        List<String> migrations = resolve.apply(MIGRATIONS_KEY)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        Optional<String> schema = resolve.apply(SCHEMA_KEY);
        schema.ifPresent(s -> {
            try {
                Identifiers.require(s, "schema");
            } catch (RuntimeException e) {
                throw new ConfigurationException(SCHEMA_KEY, SCHEMA_KEY + ": " + e.getMessage(), e);
            }
        });
        Optional<Isolation> isolation = resolve.apply(ISOLATION_KEY).map(SuiteDefaults::parseIsolation);
        Optional<MigrationFormat> format = resolve.apply(FORMAT_KEY).map(SuiteDefaults::parseFormat);
        return new SuiteDefaults(migrations, resolve.apply(MODULE_KEY), schema, isolation, resolve.apply(PREPARER_KEY),
                format);
    }

    private static MigrationFormat parseFormat(String value) {
        try {
            return MigrationFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(FORMAT_KEY, FORMAT_KEY + " must be pgdbm, flyway, liquibase or sql, was '"
                    + value + "'");
        }
    }

    private static Isolation parseIsolation(String value) {
        try {
            return Isolation.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ISOLATION_KEY, ISOLATION_KEY + " must be DATABASE, SCHEMA or TRANSACTION,"
                    + " was '" + value + "'");
        }
    }
}
