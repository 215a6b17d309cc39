package io.pgdbm.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test twice, {@code [STANDALONE]} and {@code [LIBRARY]}, each time with a fresh database of its own, so a
 * module that can own its pool or borrow a parent's manager is tested both ways with one test body:
 *
 * <pre>{@code
 * @DualModeTest(schema = "search")
 * void findsIndexedDocuments(DualModeDatabase db) {
 *     try (SearchLibrary search = db.create(SearchLibrary::new, (manager, schema) -> new SearchLibrary(manager))) {
 *         search.initialize();                      // the module migrates itself, in either mode
 *         search.index("p:1", "desk lamp");
 *         assertThat(search.search("lamp")).hasSize(1);
 *     }
 * }
 * }</pre>
 *
 * <p>In {@code STANDALONE} the module gets the database's {@link io.pgdbm.DatabaseConfig} and opens its own pool; in
 * {@code LIBRARY} it gets a {@link io.pgdbm.DatabaseManager} on a shared pool in its schema, next to another module's
 * schema ({@link DualModeDatabase#neighbourSchema()}) that it must leave alone. No {@link PgdbmTest} is needed; the
 * class may have one for its other tests.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(DualModeExtension.class)
public @interface DualModeTest {

    /** The module's schema: set on the standalone config and used by the library manager. */
    String schema() default DualModeDatabase.DEFAULT_SCHEMA;
}
