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
 * {@code pgdbm [--config FILE] [--env NAME] [--url URL] GROUP COMMAND}: the root of the command tree; holds the global
 * options and gives the subcommands their {@link Project}, {@link Output} and confirmation prompt.
 *
 * <pre>{@code
 * pgdbm -e test --url postgresql://ci@db/shop_test migrate status --json
 * }</pre>
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

    @Option(names = "--url", paramLabel = "URL",
            description = "Database URL, over the environment's connection settings (env DATABASE_URL).")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "Database user, over the URL's and the file's (env PGDBM_USER).")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Database password (env PGDBM_PASSWORD, which keeps it out of the process list).")
    String password;

    @Option(names = "--no-config", description = "Ignore pgdbm.toml files: simple mode (DATABASE_URL or --url, ./migrations).")
    boolean noConfig;

    // global only: 'migrate baseline' has its own -v (--version)
    @Option(names = {"-v", "--verbose"},
            description = "Also show the library's log lines (INFO) on standard error.")
    void verbose(boolean verbose) {
        if (verbose) {
            // read once, when the first logger is created: commands create none before they run
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
    }

    @Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Only results, warnings and errors: no progress lines.")
    boolean quiet;

    @Option(names = "--json", scope = CommandLine.ScopeType.INHERIT,
            description = "One JSON object on standard output (with error and exitCode when the command fails).")
    boolean json;

    @Spec
    CommandSpec spec;

    private final CliEnvironment env;
    private Project project;
    private Output output;

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
            project = Project.load(configFile, environment, new ConnectionOptions(url, user, password, "flag"), noConfig, env);
            output().put("environment", project.environmentName());
            project.warnings().forEach(w -> output().warn(project.config().orElseThrow().file() + ": " + w));
        }
        return project;
    }

    /**
     * The project's connection settings, after announcing the target: "Target: &lt;masked URL&gt; (environment dev, from
     * ...)" as the first line, and {@code target} in the JSON object, so a wrong database is visible before it is used.
     */
    io.pgdbm.DatabaseConfig target() {
        Project p = project();
        io.pgdbm.DatabaseConfig config = p.databaseConfig();
        if (output().get("target") == null) {
            p.overrideWarning().ifPresent(output()::warn);
            output().put("target", config.maskedUrl());
            output().progress("Target: " + config.maskedUrl() + " (environment " + p.environmentName() + ", from "
                    + p.connectionSource() + ")");
        }
        return config;
    }

    /** How this command shows its results ({@code --json}, {@code --quiet}). */
    Output output() {
        if (output == null) {
            output = new Output(out(), err(), json, quiet);
        }
        return output;
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
        PrintWriter prompt = json ? err() : out(); // keeps standard output one JSON object
        prompt.print(question + " [y/N] ");
        prompt.flush();
        String answer;
        try {
            answer = env.input().readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (answer == null || !(answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
            prompt.println();
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
