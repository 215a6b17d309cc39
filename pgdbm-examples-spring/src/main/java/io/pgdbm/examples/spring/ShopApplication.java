package io.pgdbm.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The deployment guide's framework integration example as a Spring Boot application: one shared pool created at
 * startup ({@link PgdbmConfiguration}), a schema-isolated manager per module (users, orders), {@code GET /users/{id}}
 * ({@link UserController}), and the pool closed when the application shuts down.
 *
 * <pre>
 * mvn -q -B install -DskipTests
 * DATABASE_URL=postgresql://me@localhost:5432/app mvn -q -B -pl pgdbm-examples-spring spring-boot:run
 * curl localhost:8080/users/1
 * </pre>
 */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class) // pgdbm's pool is the one; no Spring DataSource
public class ShopApplication {

    public static void main(String[] args) {
        start(args);
    }

    /** Starts the application; closing the returned context closes the pool. */
    public static ConfigurableApplicationContext start(String... args) {
        return SpringApplication.run(ShopApplication.class, args);
    }
}
