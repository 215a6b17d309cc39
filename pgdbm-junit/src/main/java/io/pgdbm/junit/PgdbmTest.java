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
 * {@code @RegisterExtension} instead (not both on one class).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(PgdbmExtension.class)
public @interface PgdbmTest {

    /** Migration locations ({@code classpath:dir} or a directory), applied in order; none: an empty database. */
    String[] migrations() default {};

    /** The module name recorded with the migrations; default: the schema, else {@code "default"}. */
    String module() default "";

    /** The schema the module lives in; default: none (tables in {@code public}). */
    String schema() default "";

    Isolation isolation() default Isolation.DATABASE;

    Cleanup cleanup() default Cleanup.ALWAYS;
}
