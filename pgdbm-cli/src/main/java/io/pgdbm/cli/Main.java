package io.pgdbm.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;

/**
 * The {@code pgdbm} command's entry point.
 *
 * <pre>{@code
 * java -jar pgdbm-cli-0.1.0-SNAPSHOT-all.jar migrate apply --all
 * }</pre>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(CliEnvironment.system(), new PrintWriter(System.out, true, Charset.defaultCharset()),
                new PrintWriter(System.err, true, Charset.defaultCharset()), args));
    }

    /** Runs one command line and returns its exit code; the streams are flushed, never closed. */
    static int run(CliEnvironment env, PrintWriter out, PrintWriter err, String... args) {
        try {
            return commandLine(env, out, err).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine(CliEnvironment env, PrintWriter out, PrintWriter err) {
        PgdbmCommand root = new PgdbmCommand(env);
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        // "-e dev", "-c migrate": an option's value may be spelled like a subcommand
        cl.setAllowSubcommandsAsOptionParameters(true);
        cl.setExecutionStrategy(parseResult -> root.output().finish(new CommandLine.RunLast().execute(parseResult)));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            int code = ExitCodes.of(e);
            if (code == ExitCodes.FAILURE && !(e instanceof io.pgdbm.PgdbmException)) {
                e.printStackTrace(commandLine.getErr()); // an unexpected bug: the trace is the useful part
            }
            return root.output().fail(message(e), code);
        });
        cl.setParameterExceptionHandler((e, args) -> {
            boolean json = java.util.Arrays.asList(args).contains("--json");
            Output output = new Output(e.getCommandLine().getOut(), e.getCommandLine().getErr(), json, false);
            if (!json) {
                e.getCommandLine().getErr().println(e.getMessage());
                CommandLine.UnmatchedArgumentException.printSuggestions(e, e.getCommandLine().getErr());
                e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                        + " --help' for more information.");
                return ExitCodes.USAGE;
            }
            return output.fail(e.getMessage(), ExitCodes.USAGE);
        });
        return cl;
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
