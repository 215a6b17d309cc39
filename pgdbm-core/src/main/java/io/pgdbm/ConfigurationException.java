package io.pgdbm;

/**
 * A configuration value is invalid or missing. {@link #field()} names the offending setting.
 *
 * <pre>{@code
 * DatabaseConfig.builder().minConnections(30).maxConnections(20).build();
 * // ConfigurationException: minConnections (30) is greater than maxConnections (20) ...
 * }</pre>
 */
public class ConfigurationException extends PgdbmException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public ConfigurationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public ConfigurationException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The configuration field that was rejected, or {@code null} when the problem is not one field. */
    public String field() {
        return field;
    }
}
