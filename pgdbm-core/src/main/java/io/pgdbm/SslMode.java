package io.pgdbm;

/**
 * How a connection uses TLS, with libpq's meanings.
 *
 * <pre>{@code
 * DatabaseConfig.builder().sslMode(SslMode.VERIFY_FULL).sslCaFile(Path.of("/etc/ssl/db-ca.pem")).build();
 * }</pre>
 */
public enum SslMode {
    /** Plain TCP, never TLS. */
    DISABLE("disable"),
    /** TLS when the server offers it, plain otherwise (the driver's default). */
    PREFER("prefer"),
    /** TLS always; the certificate is not verified. */
    REQUIRE("require"),
    /** TLS always; the certificate must be signed by a trusted CA. */
    VERIFY_CA("verify-ca"),
    /** TLS always; trusted certificate whose name matches the host. */
    VERIFY_FULL("verify-full");

    private final String driverValue;

    SslMode(String driverValue) {
        this.driverValue = driverValue;
    }

    /** The value of the driver's and libpq's {@code sslmode} setting. */
    public String driverValue() {
        return driverValue;
    }

}
