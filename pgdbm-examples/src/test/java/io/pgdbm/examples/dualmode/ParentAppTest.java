package io.pgdbm.examples.dualmode;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.junit.PgdbmTest;
import io.pgdbm.junit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@PgdbmTest
class ParentAppTest {

    @Test
    void mountsTwoIsolatedCopiesOfTheServiceOnOnePool(TestDatabase db) throws IOException {
        try (ParentApp parent = ParentApp.start(db.config().toBuilder().minConnections(0).maxConnections(4).build(), 0)) {
            Http http = new Http(parent.baseUri());

            assertThat(http.get("/").body()).isEqualTo("{\"services\":[\"service1\",\"service2\"]}");
            assertThat(http.post("/service1/items", "{\"name\": \"only in one\"}").statusCode()).isEqualTo(201);
            assertThat(http.get("/service1/items").body()).isEqualTo("[{\"id\":1,\"name\":\"only in one\"}]");
            assertThat(http.get("/service2/items").body()).isEqualTo("[]");
            assertThat(http.get("/service3/items").statusCode()).isEqualTo(404);

            assertThat(parent.services()).extracting(ServiceApp::moduleName)
                    .containsExactly("my_service_service1", "my_service_service2");
            assertThat(parent.services()).allMatch(ServiceApp::isLibraryMode);
            assertThat(db.manager().fetchValue(Long.class, "SELECT count(*) FROM service1.items")).isEqualTo(1);
        }
    }

    @Test
    void closesThePoolItOpenedAfterTheServices(TestDatabase db) throws IOException {
        ParentApp parent = ParentApp.start(db.config().toBuilder().minConnections(0).maxConnections(2).build(), 0);
        parent.close();

        assertThat(parent.pool().isClosed()).isTrue();
    }

    @Test
    void mainServesBothServicesOnTheGivenDatabaseAndPort(TestDatabase db) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (ParentApp parent = ParentApp.serve(new String[] {"--url=" + db.url(), "--port", "0"},
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String out = printed.toString(StandardCharsets.UTF_8);
            assertThat(out).contains("listening on " + parent.baseUri());
            Http http = new Http(parent.baseUri());

            assertThat(http.post("/service2/items", "{\"name\": \"lamp\"}").statusCode()).isEqualTo(201);
            assertThat(http.get("/service1/items").body()).isEqualTo("[]");
            assertThat(db.manager().fetchValue(Long.class, "SELECT count(*) FROM service2.items")).isEqualTo(1L);
        }
    }
}
