package io.pgdbm.examples.springdata;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application the usual way: Spring's own {@code DataSource} ({@code spring.datasource.url}), its
 * schema in Flyway migrations ({@code src/main/resources/db/migration}), run by Spring Boot at startup, and Spring
 * Data JDBC. Its tests use {@code @AutoConfigurePgdbmDatabase} (pgdbm-spring-boot-test): a fresh migrated database
 * per test method, the Spring context created once.
 *
 * <pre>
 * SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:5432/app mvn -q -B -pl pgdbm-examples-spring spring-boot:run \
 *     -Dmain.class=io.pgdbm.examples.springdata.CatalogApplication
 * </pre>
 */
@SpringBootApplication
public class CatalogApplication {

    public static void main(String[] args) {
        SpringApplication.run(CatalogApplication.class, args);
    }
}
