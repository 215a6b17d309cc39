package io.pgdbm.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects the module whose {@code DatabaseManager} (or {@code DatabaseConfig}) a parameter receives, by the
 * module's schema or name, when the extension has several modules.
 *
 * <pre>{@code
 * @Test
 * void orderReferencesUser(@PgdbmSchema("users") DatabaseManager users, @PgdbmSchema("orders") DatabaseManager orders) {
 *     ...
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface PgdbmSchema {

    /** The module's schema (as declared) or its name. */
    String value();
}
