package io.pgdbm.junit;

import io.pgdbm.PgdbmException;
import java.util.List;

/**
 * What a test's migration locations are and so what applies them to the template database: pgdbm's own migrations,
 * Flyway's, a Liquibase changelog, or plain SQL scripts. A suite on Flyway needs one line in
 * {@code junit-platform.properties}:
 *
 * <pre>
 * pgdbm.test.migrations=classpath:db/migration
 * pgdbm.test.migrations.format=flyway
 * </pre>
 *
 * <p>or, per class, {@code @PgdbmTest(migrations = "classpath:db/migration", format = MigrationFormat.FLYWAY)}.
 */
public enum MigrationFormat {
    /** pgdbm's migrations ({@code 001_name.sql} with {@code {{tables.x}}}), applied by module into its schema. */
    PGDBM,
    /** Flyway migrations ({@code V1__name.sql}, {@code R__name.sql}, callbacks); none given: {@code classpath:db/migration}. */
    FLYWAY,
    /** One Liquibase changelog (XML, YAML, JSON or formatted SQL) with what it includes. */
    LIQUIBASE,
    /** Plain SQL scripts or directories of them, run as {@code psql -f} runs them, in the order given. */
    SQL;

    /**
     * The preparer that applies {@code locations} in this format; {@code null} for {@link #PGDBM}, whose locations are
     * a module's migrations.
     *
     * @param where names the setting for messages, e.g. {@code @PgdbmTest on com.example.OrderTest}
     * @throws PgdbmException when the locations do not fit the format (no SQL script, not one changelog)
     */
    public TemplatePreparer preparer(List<String> locations, String where) {
        return switch (this) {
            case PGDBM -> null;
            case FLYWAY -> TemplatePreparer.flyway(locations.toArray(String[]::new));
            case SQL -> {
                if (locations.isEmpty()) {
                    throw new PgdbmException(where + ": format SQL needs the scripts to run, e.g. migrations ="
                            + " {\"classpath:schema.sql\", \"classpath:data.sql\"}");
                }
                yield TemplatePreparer.sqlScripts(locations.toArray(String[]::new));
            }
            case LIQUIBASE -> {
                if (locations.size() != 1) {
                    throw new PgdbmException(where + ": format LIQUIBASE needs the one master changelog, e.g."
                            + " migrations = \"classpath:db/changelog/db.changelog-master.yaml\", but was given "
                            + locations);
                }
                yield TemplatePreparer.liquibase(locations.get(0));
            }
        };
    }
}
