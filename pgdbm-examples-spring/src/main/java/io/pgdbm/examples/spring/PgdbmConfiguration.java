package io.pgdbm.examples.spring;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import io.pgdbm.migration.MigrationManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shared-pool pattern as Spring beans: one {@link SharedPool} created at startup and closed at shutdown, and a
 * schema-isolated {@link DatabaseManager} per module borrowing it, each module migrated when its bean is created.
 *
 * <pre>{@code
 * @RestController
 * class UserController {
 *     UserController(@Qualifier("usersDb") DatabaseManager users) { ... }
 * }
 * }</pre>
 */
@Configuration(proxyBeanMethods = false)
public class PgdbmConfiguration {

    // snippet:spring-beans
    /** Startup: the one pool of the application. Shutdown: Spring calls {@code close()}, after the managers. */
    @Bean(destroyMethod = "close")
    SharedPool sharedPool(@Value("${pgdbm.url}") String url, @Value("${pgdbm.min-connections}") int min,
                          @Value("${pgdbm.max-connections}") int max) {
        return SharedPool.create(DatabaseConfig.fromUrl(url).toBuilder()
                .minConnections(min)
                .maxConnections(max)
                .applicationName("shop")   // how the server's pg_stat_activity names these connections
                .build());
    }

    /** The users module in schema "users", borrowing the pool; its migrations are applied before it is used. */
    @Bean(destroyMethod = "") // a borrowed manager: the pool's owner closes the connections
    DatabaseManager usersDb(SharedPool pool) {
        return migrated(new DatabaseManager(pool, "users"), "classpath:db/users", "users");
    }

    @Bean(destroyMethod = "")
    DatabaseManager ordersDb(SharedPool pool) {
        return migrated(new DatabaseManager(pool, "orders"), "classpath:db/orders", "orders");
    }

    private static DatabaseManager migrated(DatabaseManager db, String migrations, String module) {
        new MigrationManager(db, migrations, module).applyPending();
        return db;
    }
    // end:spring-beans
}
