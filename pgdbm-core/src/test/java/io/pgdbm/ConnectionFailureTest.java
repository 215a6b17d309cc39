package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionFailureTest {

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void unreachableServerRetriesThenFailsWithTipsAndNoPassword() throws Exception {
        int port = freePort();
        DatabaseConfig config = DatabaseConfig.builder().host("127.0.0.1").port(port).password("Sup3r s3cret@pw")
                .retryAttempts(3).retryDelay(Duration.ofMillis(50)).retryBackoff(2).minConnections(0).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> new DatabaseManager(config).connect()).isInstanceOfSatisfying(ConnectionException.class, e -> {
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.host()).isEqualTo("127.0.0.1");
            assertThat(e.port()).isEqualTo(port);
            assertThat(e.getMessage()).contains("Troubleshooting tips").contains("127.0.0.1:" + port)
                    .doesNotContain("Sup3r").doesNotContain("s3cret");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void missingDatabaseIsNotRetried() {
        DatabaseConfig config = TestDatabase.server().toBuilder().database("pgdbm_does_not_exist_x").retryAttempts(5)
                .retryDelay(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> SharedPool.create(config)).isInstanceOfSatisfying(ConnectionException.class,
                e -> {
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.sqlState()).as("the server's SQLState, as data").contains("3D000");
                }).hasMessageContaining("pgdbm_does_not_exist_x");
    }
}
