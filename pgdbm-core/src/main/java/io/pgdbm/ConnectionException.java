package io.pgdbm;

/**
 * The server could not be reached after the configured retries. The message names host, port, database and
 * the number of attempts, adds troubleshooting tips, and never contains the password.
 *
 * <pre>{@code
 * try (DatabaseManager db = new DatabaseManager(config)) {
 *     db.connect();
 * } catch (ConnectionException e) {
 *     log.error("database unavailable at {}:{}", e.host(), e.port());
 * }
 * }</pre>
 */
public class ConnectionException extends PgdbmException {
    private static final long serialVersionUID = 1L;
    private final String host;
    private final int port;
    private final String database;
    private final int attempts;

    public ConnectionException(String message, String host, int port, String database, int attempts, Throwable cause) {
        super(format(message, host, port, database), cause);
        this.host = host;
        this.port = port;
        this.database = database;
        this.attempts = attempts;
    }

    private static String format(String message, String host, int port, String database) {
        StringBuilder sb = new StringBuilder(message).append("\n\nTroubleshooting tips:\n")
                .append("  - Check that PostgreSQL is running\n");
        if (host != null) {
            sb.append("  - Verify the server accepts TCP connections on ").append(host).append(':').append(port).append('\n');
        }
        if (database != null) {
            sb.append("  - Ensure database '").append(database).append("' exists\n");
        }
        return sb.append("  - Check firewall and network settings\n")
                .append("  - Verify the user name, password and SSL settings (pg_hba.conf)").toString();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public int attempts() {
        return attempts;
    }
}
