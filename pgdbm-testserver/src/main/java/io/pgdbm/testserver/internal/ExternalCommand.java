package io.pgdbm.testserver.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a short-lived command and keeps its combined output for error messages. */
final class ExternalCommand {

    private ExternalCommand() {
    }

    record Result(List<String> command, int exitCode, String output) {

        boolean succeeded() {
            return exitCode == 0;
        }

        /** The last lines of the output, which is where initdb and pg_ctl say what went wrong. */
        String tail() {
            return ExternalCommand.tail(output, 20);
        }

        /** This result, or an {@link IOException} describing the failure. */
        Result orThrow() throws IOException {
            if (!succeeded()) {
                throw new IOException(describe());
            }
            return this;
        }

        String describe() {
            return String.join(" ", command) + " exited with " + exitCode + ":\n" + indent(tail());
        }
    }

    /**
     * Runs {@code command} in {@code workDir} and waits for it.
     *
     * @throws IOException if it cannot be started or does not finish within {@code timeout}
     */
    static Result run(List<String> command, Path workDir, Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeout
                        + ":\n" + indent(tail(output.getNow(""), 20)));
            }
            return new Result(List.copyOf(command), process.exitValue(), output.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not read the output of " + String.join(" ", command), e);
        }
    }

    static String tail(String text, int lines) {
        String[] all = text.strip().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }

    static String indent(String text) {
        return text.isBlank() ? "    (no output)" : "    " + text.replace("\n", "\n    ");
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
