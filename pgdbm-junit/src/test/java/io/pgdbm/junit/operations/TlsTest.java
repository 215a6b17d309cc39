package io.pgdbm.junit.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.ConnectionException;
import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SslMode;
import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import io.pgdbm.testserver.TestQueries;
import io.pgdbm.testserver.internal.LocalBinaries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** R8: TLS against a real PostgreSQL with ssl=on and a CA made at test time. */
class TlsTest {
    private static final String CERT_USER = "certuser";
    private static TestCertificates certs;
    private static PostgresServer server;

    @BeforeAll
    static void startTlsServer() throws Exception {
        LocalBinaries.assumeInstalled(); // the key file belongs to the local cluster's OS user
        String serverUser = ProviderSettings.DEFAULT_LOCAL_USER;
        certs = TestCertificates.create(serverUser, CERT_USER, "localhost");
        server = PostgresServers.start(ProviderSettings.builder()
                .provider(ServerProvider.LOCAL)
                .serverSetting("ssl", "on")
                .serverSetting("ssl_cert_file", certs.file("server.pem").toString())
                .serverSetting("ssl_key_file", certs.file("server.key").toString())
                .serverSetting("ssl_ca_file", certs.file("ca.pem").toString())
                .pgHbaLine("hostssl all " + CERT_USER + " 127.0.0.1/32 cert")
                .pgHbaLine("hostnossl all " + CERT_USER + " 127.0.0.1/32 reject")
                .build());
        TestQueries.execute(server, "CREATE ROLE " + CERT_USER + " LOGIN");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (certs != null) {
            certs.delete();
        }
    }

    private static DatabaseConfig.Builder config(String host, SslMode mode) {
        return DatabaseConfig.builder().host(host).port(server.port()).database("postgres").user(server.user())
                .sslMode(mode).minConnections(0).maxConnections(2).retryAttempts(1);
    }

    private static boolean sessionIsEncrypted(DatabaseManager db) {
        return db.fetchValue(Boolean.class, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
    }

    @Test
    void verifyFullConnectsToTheNameInTheCertificateAndEncrypts() {
        try (DatabaseManager db = new DatabaseManager(config("localhost", SslMode.VERIFY_FULL)
                .sslCaFile(certs.file("ca.pem")).build())) {
            db.connect();
            assertThat(sessionIsEncrypted(db)).isTrue();
        }
    }

    @Test
    void verifyFullRefusesAHostNameTheCertificateDoesNotName() {
        // the certificate names DNS:localhost only; 127.0.0.1 reaches the same server under another name
        try (DatabaseManager db = new DatabaseManager(config("127.0.0.1", SslMode.VERIFY_FULL)
                .sslCaFile(certs.file("ca.pem")).build())) {
            assertThatThrownBy(db::connect)
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("127.0.0.1")
                    .hasMessageContaining("hostname")
                    .hasMessageContaining("Troubleshooting tips");
        }
    }

    @Test
    void verifyFullRefusesACertificateFromAnUnknownCa() {
        try (DatabaseManager db = new DatabaseManager(config("localhost", SslMode.VERIFY_FULL)
                .sslCaFile(certs.file("other-ca.pem")).retryAttempts(3).retryDelay(java.time.Duration.ofSeconds(5)).build())) {
            // a certificate that fails verification is not retried: the attempt count stays 1 despite retryAttempts(3)
            assertThatThrownBy(db::connect)
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("SSL")
                    .hasMessageContaining("after 1 attempt(s)")
                    .hasMessageContaining("Verify the user name, password and SSL settings");
        }
    }

    @Test
    void requireEncryptsWithoutVerifyingTheCertificate() {
        try (DatabaseManager db = new DatabaseManager(config("127.0.0.1", SslMode.REQUIRE)
                .sslCaFile(certs.file("other-ca.pem")).build())) {
            db.connect();
            assertThat(sessionIsEncrypted(db)).isTrue();
        }
    }

    @Test
    void authenticatesWithAClientCertificateAndAPemPkcs8Key() {
        try (DatabaseManager db = new DatabaseManager(config("localhost", SslMode.VERIFY_FULL).user(CERT_USER)
                .sslCaFile(certs.file("ca.pem")).sslCertFile(certs.file("client.pem"))
                .sslKeyFile(certs.file("client.pk8.pem")).build())) {
            db.connect();
            assertThat(db.fetchValue(String.class, "SELECT current_user")).isEqualTo(CERT_USER);
            assertThat(sessionIsEncrypted(db)).isTrue();
        }
    }

    @Test
    void authenticatesWithAnEncryptedClientKeyAndItsPassword() {
        try (DatabaseManager db = new DatabaseManager(config("localhost", SslMode.VERIFY_FULL).user(CERT_USER)
                .sslCaFile(certs.file("ca.pem")).sslCertFile(certs.file("client.pem"))
                .sslKeyFile(certs.file("client.enc.pk8.pem")).sslKeyPassword(TestCertificates.KEY_PASSWORD).build())) {
            db.connect();
            assertThat(db.fetchValue(String.class, "SELECT current_user")).isEqualTo(CERT_USER);
        }
    }

    @Test
    void refusesACertificateUserWithoutATrustedClientCertificate() {
        try (DatabaseManager db = new DatabaseManager(config("localhost", SslMode.VERIFY_FULL).user(CERT_USER)
                .sslCaFile(certs.file("ca.pem")).sslCertFile(certs.file("stranger.pem"))
                .sslKeyFile(certs.file("stranger.key")).build())) {
            assertThatThrownBy(db::connect).isInstanceOf(ConnectionException.class);
        }
    }
}
