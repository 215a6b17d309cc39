package io.pgdbm.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a command reads from outside its arguments: environment variables, the working directory and the answers
 * to confirmation prompts. Tests pass their own instead of the process's.
 *
 * <pre>{@code
 * CliEnvironment env = new CliEnvironment(Map.of("DATABASE_URL", url)::get, projectDir, new BufferedReader(new StringReader("y\n")));
 * }</pre>
 *
 * @param variables        environment variable lookup; returns {@code null} for an unset variable
 * @param workingDirectory where {@code ./pgdbm.toml} and {@code ./migrations} are looked for
 * @param input            where confirmation answers are read from
 */
record CliEnvironment(Function<String, String> variables, Path workingDirectory, BufferedReader input) {

    CliEnvironment {
        Objects.requireNonNull(variables, "variables");
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        Objects.requireNonNull(input, "input");
    }

    static CliEnvironment system() {
        return new CliEnvironment(System::getenv, Path.of(""),
                new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())));
    }

    /** The variable's value, or {@code null} when it is unset or empty. */
    String variable(String name) {
        String value = variables.apply(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
