package io.pgdbm.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import io.pgdbm.junit.PgdbmExtension;
import io.pgdbm.junit.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The Spring Boot application on a fresh database of its own, over real HTTP. */
@ExtendWith(PgdbmExtension.class)
class ShopApplicationTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext start(TestDatabase database) {
        return ShopApplication.start("--pgdbm.url=" + database.url(), "--server.port=0", "--server.address=127.0.0.1",
                "--logging.level.root=WARN");
    }

    @Test
    void servesUsersAndOrdersEachFromItsOwnSchemaOnOnePool(TestDatabase database) throws Exception {
        try (ConfigurableApplicationContext app = start(database)) {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();

            HttpResponse<String> created = post(base + "/users", "{\"email\":\"ada@example.com\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location")).contains("/users/1");

            HttpResponse<String> user = get(base + "/users/1");
            assertThat(user.statusCode()).isEqualTo(200);
            assertThat(user.body()).contains("\"id\":1").contains("\"email\":\"ada@example.com\"").contains("\"createdAt\":\"");
            assertThat(get(base + "/users/99").statusCode()).isEqualTo(404);

            assertThat(post(base + "/users/1/orders", "{\"total\":9.90}").statusCode()).isEqualTo(201);
            assertThat(get(base + "/users/1/orders").body()).contains("\"total\":9.90").contains("\"userId\":1");
            assertThat(post(base + "/users/99/orders", "{\"total\":1}").statusCode()).isEqualTo(404);

            DatabaseManager whole = database.manager();
            assertThat(whole.fetchValue(Long.class, "SELECT count(*) FROM users.users")).isEqualTo(1L);
            assertThat(whole.fetchValue(Long.class, "SELECT count(*) FROM orders.orders")).isEqualTo(1L);
            assertThat(whole.fetchAll(String.class, "SELECT DISTINCT module_name FROM users.schema_migrations"))
                    .containsExactly("users");
            SharedPool pool = app.getBean(SharedPool.class);
            for (String module : new String[] {"usersDb", "ordersDb"}) {
                DatabaseManager manager = app.getBean(module, DatabaseManager.class);
                assertThat(manager.ownsPool()).isFalse();
                assertThat(manager.dataSource()).isSameAs(pool.dataSource());
            }
        }
    }

    @Test
    void shutdownClosesTheSharedPoolAndLeavesNoConnection(TestDatabase database) throws Exception {
        SharedPool pool;
        try (ConfigurableApplicationContext app = start(database)) {
            pool = app.getBean(SharedPool.class);
            assertThat(pool.isClosed()).isFalse();
            assertThat(shopConnections(database)).isPositive();
        }
        assertThat(pool.isClosed()).isTrue();
        // a closed connection's server process leaves pg_stat_activity a moment after the client hung up
        await().atMost(Duration.ofSeconds(5)).until(() -> shopConnections(database) == 0);
    }

    /** Connections of the application's pool (application_name "shop") to the test's database. */
    private static long shopConnections(TestDatabase database) {
        return database.manager().fetchValue(Long.class, "SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name = 'shop'");
    }

    private HttpResponse<String> get(String uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String uri, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
