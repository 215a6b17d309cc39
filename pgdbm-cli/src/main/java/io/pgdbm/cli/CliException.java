package io.pgdbm.cli;

import io.pgdbm.PgdbmException;

/**
 * A command failed for a reason it has already put into words; carries the process exit code.
 *
 * <pre>{@code
 * throw new CliException(ExitCodes.CONFIG, "pgdbm.toml: module 'billing' depends on unknown module 'user'");
 * }</pre>
 */
final class CliException extends PgdbmException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static CliException config(String message) {
        return new CliException(ExitCodes.CONFIG, message);
    }

    int exitCode() {
        return exitCode;
    }
}
