package io.pgdbm.cli;

import io.pgdbm.ConfigurationException;
import io.pgdbm.ConnectionException;
import io.pgdbm.PoolException;
import io.pgdbm.SchemaException;
import io.pgdbm.migration.ChecksumMismatchException;
import io.pgdbm.migration.MigrationException;

/**
 * The process exit codes of {@code pgdbm}, one per kind of failure, so scripts and CI can tell them apart.
 *
 * <pre>{@code
 * pgdbm migrate apply --all || case $? in 4) echo "database unreachable";; 6) echo "edited migration";; esac
 * }</pre>
 */
final class ExitCodes {
    static final int OK = 0;
    /** Anything else: a failed SQL statement, a refused or aborted destructive command, an I/O error. */
    static final int FAILURE = 1;
    /** A bad command line: unknown option, invalid name, a dev command on a non-dev environment without --force-env. */
    static final int USAGE = 2;
    /** pgdbm.toml or the environment is wrong: parse error, unknown module, dependency cycle, unset variable. */
    static final int CONFIG = 3;
    /** The server could not be reached or refused the login. */
    static final int CONNECTION = 4;
    /** A migration file failed or could not be checked. */
    static final int MIGRATION = 5;
    /** An applied migration file was edited after it was applied (checksum drift), or is missing. */
    static final int CHECKSUM = 6;

    static final String HELP_FOOTER = "%nExit codes:%n"
            + "  0  success%n"
            + "  1  failure (SQL error, aborted or refused command, I/O error)%n"
            + "  2  usage error (bad option, invalid name, dev command on a non-dev environment)%n"
            + "  3  configuration error (pgdbm.toml, environment variables, dependency cycle, migrations location)%n"
            + "  4  connection failure%n"
            + "  5  migration failure%n"
            + "  6  history drift: an applied migration file was edited or is missing%n";

    private ExitCodes() {
    }

    /** The exit code for an exception that escaped a command. */
    static int of(Throwable e) {
        if (e instanceof CliException c) {
            return c.exitCode();
        }
        if (e instanceof ChecksumMismatchException) {
            return CHECKSUM;
        }
        if (e instanceof MigrationException) {
            return MIGRATION;
        }
        if (e instanceof ConnectionException || e instanceof PoolException) {
            return CONNECTION;
        }
        if (e instanceof ConfigurationException || e instanceof SchemaException) {
            return CONFIG;
        }
        return FAILURE;
    }
}
