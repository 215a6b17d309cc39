package io.pgdbm.examples.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SslMode;
import io.pgdbm.junit.PgdbmTest;
import io.pgdbm.junit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@PgdbmTest
class SecureConfigsTest {

    @Test
    void verifiedTlsChecksTheCertificateAndTheHostName() {
        DatabaseConfig config = SecureConfigs.verifiedTls("postgresql://app@db.example.com/app", Path.of("/etc/ssl/certs/ca.pem"));

        assertThat(config.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(config.sslCaFile()).contains(Path.of("/etc/ssl/certs/ca.pem"));
        assertThat(config.jdbcUrl()).contains("sslmode=verify-full");
    }

    @Test
    void timeoutsAreInForceOnEveryPooledConnection(TestDatabase db) {
        DatabaseConfig config = SecureConfigs.withTimeouts(db.config().toBuilder().minConnections(0).maxConnections(1)
                .statementTimeout(Duration.ofSeconds(1)).build());
        try (DatabaseManager manager = new DatabaseManager(config)) {
            manager.connect();
            assertThat(manager.fetchValue(String.class, "SHOW statement_timeout")).isEqualTo("1min");
            assertThat(manager.fetchValue(String.class, "SHOW idle_in_transaction_session_timeout")).isEqualTo("1min");
            assertThat(manager.fetchValue(String.class, "SHOW lock_timeout")).isEqualTo("5s");
        }
    }

    @Test
    void aLongJobCanSwitchTheStatementTimeoutOff(TestDatabase db) {
        DatabaseConfig config = SecureConfigs.withoutStatementTimeout(db.config().toBuilder().minConnections(0).maxConnections(1).build());
        try (DatabaseManager manager = new DatabaseManager(config)) {
            manager.connect();
            assertThat(manager.fetchValue(String.class, "SHOW statement_timeout")).isEqualTo("0");
        }
    }
}
