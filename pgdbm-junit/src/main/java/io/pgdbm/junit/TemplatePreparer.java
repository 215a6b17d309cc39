package io.pgdbm.junit;

import io.pgdbm.junit.internal.CallbackPreparer;
import io.pgdbm.junit.internal.FlywayPreparer;
import io.pgdbm.junit.internal.LiquibasePreparer;
import io.pgdbm.junit.internal.OptionalTools;
import io.pgdbm.junit.internal.SqlScriptsPreparer;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Builds the schema of a template database, which pgdbm then clones for every test. pgdbm builds a template once
 * per distinct {@link #fingerprint fingerprint} (across JVMs too: one build, the others wait), marks it a template,
 * and gives each test a copy of it in milliseconds; a changed input gives a new template and the old one is dropped.
 *
 * <p>pgdbm's own migrations are the default preparer. Others ship for Flyway, Liquibase and plain SQL scripts (see
 * the static factories); a preparer of your own implements this interface:
 *
 * <pre>{@code
 * class ReferenceData implements TemplatePreparer {
 *     public String identity() { return "reference-data"; }
 *     public void fingerprint(Fingerprint f) { f.add("v2").addFile("classpath:countries.csv"); }
 *     public void prepare(DataSource ds) throws Exception {
 *         try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
 *             st.execute("CREATE TABLE countries (code text PRIMARY KEY)");
 *         }
 *     }
 * }
 * }</pre>
 */
public interface TemplatePreparer {

    /**
     * What prepares and from where, without the content, e.g. {@code flyway [classpath:db/migration]}: shown in
     * messages, and templates of the same identity but another fingerprint are the older versions dropped when a
     * new one is built.
     */
    String identity();

    /** Feeds in everything the template's content depends on: files and their contents, settings, tool versions. */
    void fingerprint(Fingerprint fingerprint);

    /**
     * Builds the schema (and any reference data) in the empty template database. {@code dataSource} is a small
     * pool on that database, owned by pgdbm and closed after this returns.
     */
    void prepare(DataSource dataSource) throws Exception;

    /**
     * Flyway's {@code migrate} with these locations ({@code classpath:db/migration} when none are given, Flyway's
     * default) and otherwise Flyway's defaults, except that a missing location is an error. Needs
     * {@code org.flywaydb:flyway-core} and {@code org.flywaydb:flyway-database-postgresql} on the test class path.
     *
     * <pre>{@code
     * @RegisterExtension
     * static PgdbmExtension pgdbm = PgdbmExtension.builder()
     *         .preparer(TemplatePreparer.flyway("classpath:db/migration")).build();
     * }</pre>
     *
     * <p>The fingerprint covers Flyway's version, the settings and every file under every location, the class files
     * of Java migrations and callbacks in the location's package included; not the classes those depend on.
     *
     * @throws io.pgdbm.PgdbmException when Flyway is not on the class path (naming the dependency to add)
     */
    static TemplatePreparer flyway(String... locations) {
        OptionalTools.requireFlyway();
        return FlywayPreparer.of(locations);
    }

    /**
     * Flyway's {@code migrate} configured by Flyway's own properties, as {@code FluentConfiguration.configuration(Map)}
     * takes them: {@code flyway.locations}, {@code flyway.schemas}, {@code flyway.defaultSchema},
     * {@code flyway.placeholders.<name>}, {@code flyway.table}, {@code flyway.target}, … Connection settings
     * ({@code flyway.url}, {@code flyway.user}, {@code flyway.password}) are refused: the preparer migrates the
     * template database pgdbm gives it.
     *
     * <pre>{@code
     * TemplatePreparer.flyway(Map.of("flyway.locations", "classpath:db/migration",
     *         "flyway.schemas", "billing", "flyway.placeholders.owner", "app"));
     * }</pre>
     */
    static TemplatePreparer flyway(Map<String, String> configuration) {
        OptionalTools.requireFlyway();
        return FlywayPreparer.of(configuration);
    }

    /**
     * Liquibase's {@code update} of {@code changelog}: a class path resource ({@code classpath:} optional, as Spring
     * Boot's {@code spring.liquibase.change-log}) or a file. Needs {@code org.liquibase:liquibase-core} (4.x) on the
     * test class path.
     *
     * <pre>{@code
     * TemplatePreparer.liquibase("classpath:db/changelog/db.changelog-master.yaml");
     * }</pre>
     *
     * <p>The fingerprint covers Liquibase's version, the settings, the changelog, every file under its directory and
     * the {@code include}/{@code includeAll} targets outside it.
     *
     * @throws io.pgdbm.PgdbmException when Liquibase is not on the class path, or the changelog is not found
     */
    static TemplatePreparer liquibase(String changelog) {
        return liquibase(changelog, Map.of());
    }

    /**
     * {@link #liquibase(String)} with settings: {@code contexts} and {@code labels} (Liquibase's expressions),
     * {@code default-schema}, {@code liquibase-schema} (where its tracking tables go) and
     * {@code parameters.<name>} (a changelog parameter, {@code ${name}} in the changelog).
     *
     * <pre>{@code
     * TemplatePreparer.liquibase("db/changelog/master.yaml",
     *         Map.of("contexts", "test", "parameters.owner", "app", "default-schema", "billing"));
     * }</pre>
     *
     * @throws io.pgdbm.PgdbmException for an unknown setting (naming the known ones)
     */
    static TemplatePreparer liquibase(String changelog, Map<String, String> settings) {
        OptionalTools.requireLiquibase();
        return LiquibasePreparer.of(changelog, settings);
    }

    /**
     * SQL scripts run as {@code psql -v ON_ERROR_STOP=1 -f} runs them: statement by statement in autocommit (a
     * script's own {@code BEGIN}/{@code COMMIT} group statements), in the order given. A location is a file or a
     * directory (its {@code .sql} files in path order), on the class path ({@code classpath:schema.sql}) or on disk.
     * The fingerprint is every file's name and content.
     *
     * <pre>{@code
     * TemplatePreparer.sqlScripts("classpath:schema.sql", "classpath:data.sql")
     * }</pre>
     */
    static TemplatePreparer sqlScripts(String... locations) {
        return new SqlScriptsPreparer(List.of(locations));
    }

    /**
     * A template prepared by your code. The fingerprint is {@code name} and the class file of the class that defines
     * {@code prepare} (for a lambda, the class it is written in): editing that class builds a new template. When the
     * template also depends on other inputs (a data file), implement this interface and add them in
     * {@link #fingerprint}.
     *
     * <pre>{@code
     * TemplatePreparer.callback("countries", ds -> {
     *     try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
     *         st.execute("CREATE TABLE countries (code text PRIMARY KEY)");
     *     }
     * })
     * }</pre>
     */
    static TemplatePreparer callback(String name, Callback prepare) {
        return new CallbackPreparer(name, prepare);
    }

    /** Builds a template's schema through a {@code DataSource}, for {@link #callback}. */
    @FunctionalInterface
    interface Callback {
        void prepare(DataSource dataSource) throws Exception;
    }
}
