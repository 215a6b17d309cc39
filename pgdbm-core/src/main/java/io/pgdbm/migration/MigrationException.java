package io.pgdbm.migration;

import io.pgdbm.PgdbmException;
import java.sql.SQLException;

/**
 * A migration could not be discovered, checked or applied. Carries the module, the file, the server's SQLState,
 * the failed statement's number (no-transaction files) and the result up to the failure.
 *
 * <pre>{@code
 * try {
 *     migrations.applyPending();
 * } catch (MigrationException e) {
 *     log.error("migration {} of module {} failed (SQLState {})", e.file(), e.module(), e.sqlState().orElse("-"), e);
 *     MigrationResult soFar = e.partialResult(); // files applied before the failure
 *     throw e;
 * }
 * }</pre>
 *
 * <p>Accessors return {@code null} where a value does not apply (no file for a lock timeout, no statement number
 * for a transactional file); {@link #sqlState()} is empty when the failure was not a server error.
 */
public class MigrationException extends PgdbmException {
    private static final long serialVersionUID = 1L;

    private final String module;
    private final String file;
    private final Integer statementNumber;
    private final transient MigrationResult partialResult;

    /**
     * @param message         what happened and what to do; the SQLState and the cause's message are appended
     * @param module          the module name, or {@code null} when the failure is not about one module
     * @param file            the migration file name, or {@code null}
     * @param sqlState        the server's SQLState; {@code null} takes it from a {@link SQLException} cause
     * @param statementNumber 1-based number of the file's statement that failed, or {@code null}
     * @param partialResult   what was applied before the failure, or {@code null}
     * @param cause           the underlying error, or {@code null}
     */
    public MigrationException(String message, String module, String file, String sqlState, Integer statementNumber,
                              MigrationResult partialResult, Throwable cause) {
        super(format(message, stateOf(sqlState, cause), cause), stateOf(sqlState, cause), cause);
        this.module = module;
        this.file = file;
        this.statementNumber = statementNumber;
        this.partialResult = partialResult;
    }

    private static String stateOf(String sqlState, Throwable cause) {
        return sqlState != null ? sqlState : cause instanceof SQLException s ? s.getSQLState() : null;
    }

    private static String format(String message, String sqlState, Throwable cause) {
        StringBuilder sb = new StringBuilder(message);
        if (sqlState != null && !message.contains(sqlState)) {
            sb.append(" [SQLState ").append(sqlState).append(']');
        }
        if (cause instanceof SQLException && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            sb.append("\n  Cause: ").append(cause.getMessage());
        }
        return sb.toString();
    }

    /** The module whose migrations failed, or {@code null}. */
    public String module() {
        return module;
    }

    /** The migration file involved, or {@code null}. */
    public String file() {
        return file;
    }

    /**
     * The 1-based number of the file's statement that failed, or {@code null} when the failure was not one statement's
     * (a file holding its own {@code BEGIN}/{@code COMMIT}, a failed commit, a lost connection).
     */
    public Integer statementNumber() {
        return statementNumber;
    }

    /** The files applied before the failure (status {@link MigrationResult.Status#FAILED}), or {@code null}. */
    public MigrationResult partialResult() {
        return partialResult;
    }
}
