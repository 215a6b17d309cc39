package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void defaultsFollowPythonPgdbm() {
        DatabaseConfig c = DatabaseConfig.builder().environment(k -> null).build();
        assertThat(c.host()).isEqualTo("localhost");
        assertThat(c.port()).isEqualTo(5432);
        assertThat(c.database()).isEqualTo("postgres");
        assertThat(c.user()).isEqualTo("postgres");
        assertThat(c.password()).isEmpty();
        assertThat(c.schema()).isEmpty();
        assertThat(c.minConnections()).isEqualTo(10);
        assertThat(c.maxConnections()).isEqualTo(20);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(c.commandTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.statementTimeout()).contains(Duration.ofSeconds(60));
        assertThat(c.idleInTransactionSessionTimeout()).contains(Duration.ofSeconds(60));
        assertThat(c.lockTimeout()).contains(Duration.ofSeconds(5));
        assertThat(c.retryAttempts()).isEqualTo(3);
        assertThat(c.retryDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.retryBackoff()).isEqualTo(2.0);
        assertThat(c.retryMaxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.applicationName()).isEqualTo("app_pool");
        assertThat(c.sslMode()).isEqualTo(SslMode.PREFER);
    }

    @Test
    void serverSettingsCarryTimeoutsJitAndSearchPath() {
        DatabaseConfig c = DatabaseConfig.builder().schema("Orders").serverSetting("work_mem", "8MB").build();
        Map<String, String> s = c.effectiveServerSettings();
        assertThat(s).containsEntry("jit", "off").containsEntry("statement_timeout", "60000")
                .containsEntry("lock_timeout", "5000").containsEntry("idle_in_transaction_session_timeout", "60000")
                .containsEntry("work_mem", "8MB").containsEntry("search_path", "\"Orders\",public");
        assertThat(c.applicationName()).isEqualTo("Orders_pool");
        assertThat(DatabaseConfig.builder().statementTimeout(null).build().effectiveServerSettings()).doesNotContainKey("statement_timeout");
    }

    @Test
    void parsesPostgresqlPostgresAndJdbcUrls() {
        DatabaseConfig a = DatabaseConfig.fromUrl("postgresql://app:s3cret@db.internal:6543/shop?sslmode=verify-full&application_name=web");
        assertThat(a.host()).isEqualTo("db.internal");
        assertThat(a.port()).isEqualTo(6543);
        assertThat(a.database()).isEqualTo("shop");
        assertThat(a.user()).isEqualTo("app");
        assertThat(a.password()).contains("s3cret");
        assertThat(a.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(a.applicationName()).isEqualTo("web");

        DatabaseConfig b = DatabaseConfig.fromUrl("postgres://u@h/d");
        assertThat(b.port()).isEqualTo(5432);
        assertThat(b.password()).isEmpty();

        DatabaseConfig c = DatabaseConfig.fromUrl("jdbc:postgresql://h:5433/d?user=u&password=p%40ss&sslmode=require&sslrootcert=/ca.pem&prepareThreshold=3");
        assertThat(c.user()).isEqualTo("u");
        assertThat(c.password()).contains("p@ss");
        assertThat(c.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(c.sslCaFile()).contains(Path.of("/ca.pem"));
        assertThat(c.driverProperties()).containsEntry("prepareThreshold", "3");

        assertThat(DatabaseConfig.fromUrl("postgresql://u@[::1]:5444/d").host()).isEqualTo("::1");
    }

    @Test
    void passwordContainingAtSignIsDecodedAndFullyMasked() {
        DatabaseConfig c = DatabaseConfig.fromUrl("postgres://user:p@ssw0rd!@host/database");
        assertThat(c.password()).contains("p@ssw0rd!");
        assertThat(c.host()).isEqualTo("host");
        assertThat(c.maskedUrl()).isEqualTo("postgresql://user:****@host:5432/database").doesNotContain("ssw0rd");
        assertThat(c.toString()).doesNotContain("ssw0rd");
    }

    @Test
    void spaceInPasswordIsEncodedAsPercent20() {
        DatabaseConfig c = DatabaseConfig.builder().password("a b").build();
        assertThat(c.toUrl()).contains(":a%20b@");
        assertThat(DatabaseConfig.fromUrl(c.toUrl()).password()).contains("a b");
    }

    @Test
    void jdbcUrlHasNoSecrets() {
        DatabaseConfig c = DatabaseConfig.builder().password("topsecret").sslMode(SslMode.REQUIRE).build();
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres?sslmode=require");
        assertThat(c.toString()).doesNotContain("topsecret");
    }

    @Test
    void passwordFallsBackToDbPasswordEnvironmentVariable() {
        DatabaseConfig c = DatabaseConfig.builder().environment(k -> k.equals("DB_PASSWORD") ? "from-env" : null).build();
        assertThat(c.password()).contains("from-env");
        DatabaseConfig explicit = DatabaseConfig.builder().password("given").environment(k -> "from-env").build();
        assertThat(explicit.password()).contains("given");
    }

    @Test
    void toBuilderRoundTrips() {
        DatabaseConfig c = DatabaseConfig.fromUrl("postgresql://u:p@h:1/d").toBuilder().schema("s").minConnections(2).maxConnections(7).build();
        DatabaseConfig copy = c.toBuilder().build();
        assertThat(copy.toString()).isEqualTo(c.toString());
        assertThat(copy.password()).contains("p");
        assertThat(copy.applicationName()).isEqualTo("s_pool");
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertField(DatabaseConfig.builder().minConnections(30).maxConnections(20), "minConnections");
        assertField(DatabaseConfig.builder().maxConnections(0), "maxConnections");
        assertField(DatabaseConfig.builder().minConnections(-1), "minConnections");
        assertField(DatabaseConfig.builder().schema("bad-name"), "schema");
        assertField(DatabaseConfig.builder().schema("x\"; DROP TABLE users; --"), "schema");
        assertField(DatabaseConfig.builder().retryAttempts(0), "retryAttempts");
        assertField(DatabaseConfig.builder().sslCertFile(Path.of("c.pem")), "sslKeyFile");
        assertField(DatabaseConfig.builder().sslKeyFile(Path.of("k.pem")), "sslCertFile");
        assertField(DatabaseConfig.builder().port(70000), "port");
        assertField(DatabaseConfig.builder().idleTimeout(Duration.ZERO), "idleTimeout");
        assertField(DatabaseConfig.builder().lockTimeout(Duration.ofSeconds(-1)), "lockTimeout");
        assertField(DatabaseConfig.builder().retryBackoff(0.5), "retryBackoff");
        assertField(DatabaseConfig.builder().connectionString("mysql://x/y"), "connectionString");
        assertField(DatabaseConfig.builder().connectionString("postgresql://u@h/d?sslmode=sometimes"), "sslMode");
    }

    @Test
    void badUrlMessageMasksThePassword() {
        assertThatThrownBy(() -> DatabaseConfig.fromUrl("postgresql://u:hunter22@h:notaport/d"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("port").hasMessageNotContaining("hunter22");
    }

    private static void assertField(DatabaseConfig.Builder builder, String field) {
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
