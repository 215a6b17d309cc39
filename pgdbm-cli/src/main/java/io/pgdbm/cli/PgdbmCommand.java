package io.pgdbm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgdbm [--config FILE] [--env NAME] GROUP COMMAND}: the root of the command tree; holds the global options
 * and gives the subcommands their {@link Project}, output streams and confirmation prompt.
 */
@Command(name = "pgdbm",
        mixinStandardHelpOptions = true,
        versionProvider = PgdbmCommand.Version.class,
        header = "pgdbm - PostgreSQL database manager",
        description = "Manage PostgreSQL databases, per-module migrations and schemas from pgdbm.toml "
                + "(or DATABASE_URL and ./migrations without one).",
        footer = ExitCodes.HELP_FOOTER,
        subcommands = {DbCommands.class, MigrateCommands.class, SchemaCommands.class, DevCommands.class,
                GenerateCommands.class, CommandLine.HelpCommand.class})
final class PgdbmCommand implements Runnable {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "pgdbm.toml to read (env PGDBM_CONFIG; default ./pgdbm.toml when it exists).")
    Path configFile;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME",
            description = "Environment of pgdbm.toml (env PGDBM_ENV; default [project].default_env, else dev).")
    String environment;

    @Spec
    CommandSpec spec;

    private final CliEnvironment env;
    private Project project;

    PgdbmCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }

    /** The project, loaded on first use; config warnings are printed once, to stderr. */
    Project project() {
        if (project == null) {
            project = Project.load(configFile, environment, env);
            project.warnings().forEach(w -> err().println("Warning: " + project.config().orElseThrow().file() + ": " + w));
        }
        return project;
    }

    CliEnvironment cliEnvironment() {
        return env;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * Asks {@code question} unless {@code yes}; anything but y/yes (also end of input) aborts with exit code 1.
     */
    void confirm(String question, boolean yes) {
        if (yes) {
            return;
        }
        out().print(question + " [y/N] ");
        out().flush();
        String answer;
        try {
            answer = env.input().readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (answer == null || !(answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
            out().println();
            throw new CliException(ExitCodes.FAILURE, "Aborted" + (answer == null ? " (no answer on standard input; pass --yes to confirm)" : ""));
        }
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = PgdbmCommand.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }

    /** {@code pgdbm --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pgdbm " + version() + " (Java " + Runtime.version() + ")"};
        }
    }
}
