package io.pgdbm.examples.dualmode;

import static io.pgdbm.junit.PgdbmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.DualModeDatabase;
import io.pgdbm.junit.DualModeTest;
import io.pgdbm.junit.PgdbmTest;
import io.pgdbm.junit.TestDatabase;
import io.pgdbm.migration.MigrationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@PgdbmTest
class ServiceAppTest {

    /** The service the way the mode wants it, in schema {@code my_service}: the only mode-specific code of the tests. */
    private static ServiceApp createApp(DualModeDatabase db) {
        return db.create(
                config -> ServiceApp.createApp(null, true, null,
                        new ServiceConfig(config.toBuilder().schema(null).build().toUrl(), ServiceApp.DEFAULT_SCHEMA, 0, 4)),
                (manager, schema) -> ServiceApp.createApp(manager, true, schema, null));
    }

    private static Http serve(ServiceApp app) throws IOException {
        return new Http(URI.create("http://127.0.0.1:" + app.start().listen(0).getAddress().getPort()));
    }

    @DualModeTest(schema = "my_service")
    void servesItemsOverHttp(DualModeDatabase db) throws IOException {
        try (ServiceApp app = createApp(db)) {
            Http http = serve(app);

            assertThat(http.get("/items").body()).isEqualTo("[]");
            HttpResponse<String> created = http.post("/items", "{\"name\": \"lamp\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.body()).isEqualTo("{\"id\":1,\"name\":\"lamp\"}");
            http.post("/items", "{\"name\": \"chair\"}");

            assertThat(http.get("/items").body()).isEqualTo("[{\"id\":1,\"name\":\"lamp\"},{\"id\":2,\"name\":\"chair\"}]");
            assertThat(http.get("/items/2").body()).isEqualTo("{\"id\":2,\"name\":\"chair\"}");
            assertThat(http.get("/items/99").statusCode()).isEqualTo(404);
        }
    }

    @DualModeTest(schema = "my_service")
    void servesUsersAndRefusesDuplicatesAndBadBodies(DualModeDatabase db) throws IOException {
        try (ServiceApp app = createApp(db)) {
            Http http = serve(app);

            assertThat(http.post("/users", "{\"email\": \"ada@example.com\"}").statusCode()).isEqualTo(201);
            assertThat(http.post("/users", "{\"email\": \"ada@example.com\"}").statusCode()).isEqualTo(409);
            assertThat(http.post("/users", "{\"mail\": \"x\"}").body()).contains("'email' is required");
            assertThat(http.post("/users", "not json").statusCode()).isEqualTo(400);
            assertThat(http.get("/users").body()).isEqualTo("[{\"id\":1,\"email\":\"ada@example.com\"}]");
        }
    }

    @DualModeTest(schema = "my_service")
    void migratesIntoItsSchemaUnderASchemaAwareModuleName(DualModeDatabase db) {
        try (ServiceApp app = createApp(db).start()) {
            MigrationResult result = app.migrations().orElseThrow();
            assertThat(result.module()).isEqualTo("my_service_my_service");
            assertThat(result.appliedFilenames()).containsExactly("001_initial.sql");
            assertThat(db.database()).hasTable("items").inSchema("my_service");
            assertThat(db.database()).hasTable("users").inSchema("my_service");
            assertThat(app.isLibraryMode()).isEqualTo(db.mode() == DualModeDatabase.Mode.LIBRARY);
        }
    }

    @DualModeTest(schema = "my_service")
    void disconnectsOnlyWhatItConnected(DualModeDatabase db) {
        DatabaseManager parent = new DatabaseManager(db.database().pool(), "my_service");
        ServiceApp app = db.mode() == DualModeDatabase.Mode.LIBRARY ? ServiceApp.createApp(parent, true, null, null)
                : createApp(db);
        app.start();
        app.close();

        assertThat(db.database().pool().isClosed()).isFalse();
        assertThat(parent.fetchValue(Long.class, "SELECT count(*) FROM {{tables.items}}")).isZero();
        assertThat(db.database().manager().fetchValue(Long.class,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'my_service_pool'"))
                .as("connections of the standalone pool are gone").isZero();
    }

    @Test
    void withoutMigrationsItLeavesTheSchemaAlone(TestDatabase db) {
        try (ServiceApp app = ServiceApp.createApp(new DatabaseManager(db.pool(), "bare"), false, null, null).start()) {
            assertThat(app.migrations()).isEmpty();
            assertThat(db.manager().tableExists("bare.items")).isFalse();
        }
    }

    @Test
    void refusesNeitherAManagerNorAConfig() {
        assertThatThrownBy(() -> ServiceApp.createApp(null, true, "s", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DatabaseManager (library mode) or a ServiceConfig");
    }

    @Test
    void inLibraryModeTheSchemaIsTheManagers(TestDatabase db) {
        assertThatThrownBy(() -> ServiceApp.createApp(new DatabaseManager(db.pool(), "service1"), true, "service2", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("new DatabaseManager(pool, \"service2\")");
    }

    @Test
    void mainServesTheStandaloneServiceOnTheGivenDatabasePortAndSchema(TestDatabase db) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String[] args = {"--url", db.url(), "--port=0", "--schema", "shop"};
        try (ServiceApp app = ServiceApp.serve(args, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String out = printed.toString(StandardCharsets.UTF_8);
            Matcher listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(out);
            assertThat(listening.find()).as(out).isTrue();
            Http http = new Http(URI.create(listening.group(1)));

            assertThat(http.post("/items", "{\"name\": \"lamp\"}").statusCode()).isEqualTo(201);
            assertThat(http.get("/items").body()).isEqualTo("[{\"id\":1,\"name\":\"lamp\"}]");
            assertThat(db.manager().fetchValue(Long.class, "SELECT count(*) FROM shop.items")).isEqualTo(1L);
            assertThat(out).contains("standalone, schema shop, module my_service_shop");
        }
    }

    @Test
    void mainRefusesAnUnknownOptionShowingTheUsage() {
        assertThatThrownBy(() -> ServiceApp.serve(new String[] {"--prot", "8080"}, System.out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown argument '--prot'")
                .hasMessageContaining("usage: ServiceApp [--url postgresql://user@host:5432/db] [--port 8080]");
        assertThatThrownBy(() -> ServiceApp.serve(new String[] {"--port", "http"}, System.out))
                .hasMessageContaining("--port must be a number, was 'http'");
    }
}
