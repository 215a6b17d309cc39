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
        CommandLine cl = new CommandLine(new PgdbmCommand(env));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("Error: " + message(e));
            if (ExitCodes.of(e) == ExitCodes.FAILURE && !(e instanceof io.pgdbm.PgdbmException)) {
                e.printStackTrace(commandLine.getErr()); // an unexpected bug: the trace is the useful part
            }
            return ExitCodes.of(e);
        });
        return cl;
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
