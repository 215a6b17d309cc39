package io.pgdbm.examples.dualmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import io.pgdbm.examples.Mode;
import io.pgdbm.junit.PgdbmTest;
import io.pgdbm.junit.TestDatabase;
import io.pgdbm.migration.MigrationResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@PgdbmTest
class ServiceAppTest {

    /** The service in the given mode, in schema {@code my_service}: the only mode-specific code of the tests. */
    private static ServiceApp createApp(Mode mode, TestDatabase db) {
        return switch (mode) {
            case STANDALONE -> ServiceApp.createApp(null, true, null,
                    new ServiceConfig(db.config().toUrl(), ServiceApp.DEFAULT_SCHEMA, 0, 4));
            case LIBRARY -> ServiceApp.createApp(new DatabaseManager(db.pool(), "my_service"), true, "my_service", null);
        };
    }

    private static Http serve(ServiceApp app) throws IOException {
        return new Http(URI.create("http://127.0.0.1:" + app.start().listen(0).getAddress().getPort()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void servesItemsOverHttp(Mode mode, TestDatabase db) throws IOException {
        try (ServiceApp app = createApp(mode, db)) {
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

    @ParameterizedTest
    @EnumSource(Mode.class)
    void servesUsersAndRefusesDuplicatesAndBadBodies(Mode mode, TestDatabase db) throws IOException {
        try (ServiceApp app = createApp(mode, db)) {
            Http http = serve(app);

            assertThat(http.post("/users", "{\"email\": \"ada@example.com\"}").statusCode()).isEqualTo(201);
            assertThat(http.post("/users", "{\"email\": \"ada@example.com\"}").statusCode()).isEqualTo(409);
            assertThat(http.post("/users", "{\"mail\": \"x\"}").body()).contains("'email' is required");
            assertThat(http.post("/users", "not json").statusCode()).isEqualTo(400);
            assertThat(http.get("/users").body()).isEqualTo("[{\"id\":1,\"email\":\"ada@example.com\"}]");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void migratesIntoItsSchemaUnderASchemaAwareModuleName(Mode mode, TestDatabase db) {
        try (ServiceApp app = createApp(mode, db).start()) {
            MigrationResult result = app.migrations().orElseThrow();
            assertThat(result.module()).isEqualTo("my_service_my_service");
            assertThat(result.appliedFilenames()).containsExactly("001_initial.sql");
            assertThat(db.manager().tableExists("my_service.items")).isTrue();
            assertThat(db.manager().tableExists("my_service.users")).isTrue();
            assertThat(app.isLibraryMode()).isEqualTo(mode == Mode.LIBRARY);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void disconnectsOnlyWhatItConnected(Mode mode, TestDatabase db) {
        DatabaseManager parent = new DatabaseManager(db.pool(), "my_service");
        ServiceApp app = mode == Mode.LIBRARY ? ServiceApp.createApp(parent, true, null, null) : createApp(mode, db);
        app.start();
        app.close();

        assertThat(db.pool().isClosed()).isFalse();
        assertThat(parent.fetchValue(Long.class, "SELECT count(*) FROM {{tables.items}}")).isZero();
        assertThat(db.manager().fetchValue(Long.class,
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
}
