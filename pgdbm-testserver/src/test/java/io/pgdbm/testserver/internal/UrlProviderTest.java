package io.pgdbm.testserver.internal;

import static io.pgdbm.testserver.TestQueries.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import org.junit.jupiter.api.Test;

class UrlProviderTest {

    @Test
    void connectsToTheConfiguredServer() throws Exception {
        PostgresServer shared = PostgresServers.shared();
        String address = shared.host() + ":" + shared.port();
        String url = "postgresql://" + shared.user() + "@" + address + "/postgres";
        try (PostgresServer server = new UrlProvider().start(ProviderSettings.builder().url(url).build())) {
            assertThat(server.provider()).isEqualTo(ServerProvider.URL);
            assertThat(server.adminDatabase()).isEqualTo("postgres");
            assertThat(server.jdbcUrl("app")).isEqualTo("jdbc:postgresql://" + address + "/app");
            assertThat(server.url("app")).isEqualTo("postgresql://" + shared.user() + "@" + address + "/app");
            assertThat(server.serverVersionNum()).isGreaterThanOrEqualTo(150000);
            assertThat(server.serverVersion()).startsWith("15.");
            assertThat(queryOne(server, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void unreachableServerErrorMasksThePassword() {
        ProviderSettings settings = ProviderSettings.builder()
                .url("postgresql://postgres:s3cret@127.0.0.1:1/postgres").build();

        assertThatThrownBy(() -> new UrlProvider().start(settings))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("postgresql://postgres:****@127.0.0.1:1/postgres")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void malformedUrlErrorMasksThePassword() {
        ProviderSettings settings = ProviderSettings.builder().url("mysql://root:s3cret@host/db").build();

        assertThatThrownBy(() -> new UrlProvider().start(settings))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("mysql://root:****@host/db")
                .hasMessageNotContaining("s3cret");
    }
}
