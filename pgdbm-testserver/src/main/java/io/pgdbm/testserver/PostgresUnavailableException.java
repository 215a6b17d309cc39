package io.pgdbm.testserver;

/**
 * No PostgreSQL server could be obtained. The message names each provider that was tried, why it was not
 * used, and the settings that fix it.
 *
 * <pre>{@code
 * try {
 *     PostgresServers.shared();
 * } catch (PostgresUnavailableException e) {
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public final class PostgresUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PostgresUnavailableException(String message) {
        super(message);
    }

    public PostgresUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
