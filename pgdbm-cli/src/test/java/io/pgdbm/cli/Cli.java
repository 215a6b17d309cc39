package io.pgdbm.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code pgdbm} in-process with a given working directory, environment variables and standard input. */
final class Cli {
    private final Path workingDirectory;
    private final Map<String, String> variables = new HashMap<>();
    private String input = "";

    Cli(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    Cli env(String name, String value) {
        variables.put(name, value);
        return this;
    }

    Map<String, String> variables() {
        return variables;
    }

    Cli input(String input) {
        this.input = input;
        return this;
    }

    Result run(String... args) {
        return run(new StringWriter(), args);
    }

    /** Runs with {@code out} as standard output, which another thread may read while the command runs. */
    Result run(StringWriter out, String... args) {
        return run(out, new StringWriter(), args);
    }

    /** Runs with {@code out} and {@code err}, which another thread may read while the command runs. */
    Result run(StringWriter out, StringWriter err, String... args) {
        CliEnvironment env = new CliEnvironment(variables::get, workingDirectory, new BufferedReader(new StringReader(input)));
        int code = Main.run(env, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
