package io.pgdbm.examples.security;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.SslMode;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The guide's security and reliability defaults as configs: TLS with certificate verification, and server-side
 * timeouts that stop runaway queries and stuck transactions.
 *
 * <pre>{@code
 * DatabaseManager db = new DatabaseManager(SecureConfigs.verifiedTls("postgresql://db.example.com/app", Path.of("/etc/ssl/certs/ca.pem")));
 * db.connect();
 * }</pre>
 */
public final class SecureConfigs {
    private SecureConfigs() {
    }

    // snippet:tls
    /** TLS always, with the server's certificate checked against {@code caFile} and its name against the host. */
    public static DatabaseConfig verifiedTls(String connectionString, Path caFile) {
        return DatabaseConfig.fromUrl(connectionString).toBuilder()
                .sslMode(SslMode.VERIFY_FULL)     // DISABLE | PREFER | REQUIRE | VERIFY_CA | VERIFY_FULL
                .sslCaFile(caFile)
                .build();
    }
    // end:tls

    // snippet:timeouts
    /** Server-side timeouts, sent at connection start-up; {@code null} leaves the server's own setting alone. */
    public static DatabaseConfig withTimeouts(DatabaseConfig config) {
        return config.toBuilder()
                .statementTimeout(Duration.ofSeconds(60))
                .idleInTransactionSessionTimeout(Duration.ofSeconds(60))
                .lockTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** The same timeouts switched off for a long-running job, e.g. a nightly report. */
    public static DatabaseConfig withoutStatementTimeout(DatabaseConfig config) {
        return config.toBuilder()
                .statementTimeout(Duration.ZERO)   // 0 turns it off; null would leave the server's own default
                .build();
    }
    // end:timeouts
}
