package io.pgdbm.spring.test;

import io.pgdbm.junit.MigrationFormat;
import io.pgdbm.junit.TemplatePreparer;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Replaces the application's {@code DataSource} in a Spring test context with one whose connections go to a fresh,
 * migrated PostgreSQL database per test method, cloned from a template built once. The context itself is created
 * once and cached as usual: test classes with the same configuration share it, and only the database changes.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigurePgdbmDatabase
 * class OrderServiceTest {
 *     @Autowired OrderService orders;
 *
 *     @Test
 *     void placesAnOrder() {        // a database of its own, migrated by the application's Flyway scripts
 *         orders.place("ada", 10);
 *     }
 * }
 * }</pre>
 *
 * <p>Works with {@code @SpringBootTest}, {@code @JdbcTest} and {@code @DataJdbcTest}: the slices'
 * {@code @AutoConfigureTestDatabase} does not swap in an embedded database. The template comes from
 * {@link #preparer()}, else from {@link #migrations()}, else from the application's own settings, as Spring Boot
 * would run them: {@code spring.flyway.*} (default location {@code classpath:db/migration}),
 * {@code spring.liquibase.*}, {@code spring.sql.init.schema-locations} and {@code data-locations}. Spring Boot's own Flyway, Liquibase and SQL initialization are switched off in the test
 * context: the template holds their result already.
 *
 * <p>The server is the JVM's shared test server ({@code PGDBM_TEST_URL}, local binaries or embedded PostgreSQL, as
 * for pgdbm-junit). Test methods running in parallel on one context each get their own database; see
 * {@link CurrentTestDatabase} for which database a connection goes to.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigurePgdbmDatabase {

    /** Migration locations (or, for {@link MigrationFormat#LIQUIBASE}, the one changelog) the template is built from. */
    String[] migrations() default {};

    /** How {@link #migrations()} are applied. */
    MigrationFormat format() default MigrationFormat.FLYWAY;

    /**
     * A preparer class with a public no-argument constructor that builds the template, in place of
     * {@link #migrations()} and of the application's settings.
     */
    Class<? extends TemplatePreparer> preparer() default TemplatePreparer.class;
}
