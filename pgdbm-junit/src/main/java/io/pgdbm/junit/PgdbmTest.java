package io.pgdbm.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives every test of the class a PostgreSQL database of its own, migrated, and drops it afterwards.
 *
 * <pre>{@code
 * @PgdbmTest(migrations = "classpath:db/orders", module = "orders")
 * class OrderRepositoryTest {
 *     @Test
 *     void storesOrder(DatabaseManager db) {
 *         db.execute("INSERT INTO {{tables.orders}} (total) VALUES (9.90)");
 *     }
 * }
 * }</pre>
 *
 * <p>Parameters of test methods, constructors and lifecycle methods may be {@code DatabaseManager},
 * {@code DatabaseConfig}, {@code javax.sql.DataSource}, {@code SharedPool}, {@link TestDatabase} and
 * {@link TestDatabaseFactory}. For several modules with dependencies use {@link PgdbmExtension#builder()} with
 * {@code @RegisterExtension}.
 *
 * <p>Each attribute left out takes the suite's default, the configuration parameter named on it (set once in
 * {@code junit-platform.properties}), else the built-in default. A {@code @Nested} class inherits the attributes of
 * its enclosing classes' {@code @PgdbmTest}s and may set any of them again; a builder on the class overrides the
 * annotation. Precedence: builder, then the nearest {@code @PgdbmTest}, then configuration parameters, then defaults.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(PgdbmExtension.class)
public @interface PgdbmTest {

    /**
     * Migration locations ({@code classpath:dir} or a directory), applied in order. Unset: {@code pgdbm.test.migrations}
     * (comma-separated), else none (an empty database).
     */
    String[] migrations() default {};

    /**
     * At most one value: what {@link #migrations()} are, e.g. {@code format = MigrationFormat.FLYWAY} (then no
     * locations means Flyway's {@code classpath:db/migration}). Unset: {@code pgdbm.test.migrations.format}, else
     * {@link MigrationFormat#PGDBM}.
     */
    MigrationFormat[] format() default {};

    /**
     * The module name recorded with the migrations. Unset: {@code pgdbm.test.module}, else the schema, else
     * {@code "default"}.
     */
    String module() default "";

    /** The schema the module lives in. Unset: {@code pgdbm.test.schema}, else none (tables in {@code public}). */
    String schema() default "";

    /**
     * At most one value, e.g. {@code isolation = Isolation.SCHEMA}. Unset: {@code pgdbm.test.isolation}, else
     * {@link Isolation#DATABASE}.
     */
    Isolation[] isolation() default {};

    /**
     * At most one class that builds the template instead of (or before) pgdbm's migrations, e.g.
     * {@code preparer = ReferenceData.class}: a {@link TemplatePreparer} with a no-argument constructor. Unset:
     * {@code pgdbm.test.preparer} (a class name), else none. For Flyway, Liquibase or SQL scripts use
     * {@link #format()}, or {@link PgdbmExtension.Builder#preparer} with {@link TemplatePreparer}'s factories.
     */
    Class<? extends TemplatePreparer>[] preparer() default {};

    /** What happens to the test's databases afterwards; the {@code pgdbm.test.cleanup} parameter overrides it. */
    Cleanup cleanup() default Cleanup.ALWAYS;
}
