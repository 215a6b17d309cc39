package io.pgdbm.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a command shows, in one of three forms: text (default), text without progress ({@code --quiet}), or one JSON
 * object on standard output ({@code --json}) that a command fills as it goes. The JSON object is printed once, when
 * the command ends — also when it fails, then with {@code error}, {@code exitCode} and whatever it had done so far.
 *
 * <pre>{@code
 * Output output = root.output();
 * output.progress("  ✓ users: 001_users.sql (4 ms)");   // text only, not with --quiet
 * output.put("applied", files);                        // JSON only
 * output.result("✓ Applied 1 migration(s)");           // text, also with --quiet
 * }</pre>
 */
final class Output {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean quiet;
    private final Map<String, Object> doc = Json.object();
    private final List<String> warnings = new ArrayList<>();
    private boolean finished;

    Output(PrintWriter out, PrintWriter err, boolean json, boolean quiet) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.quiet = quiet;
    }

    boolean json() {
        return json;
    }

    /** A line of progress or context: shown as text unless {@code --quiet} or {@code --json}. */
    void progress(String line) {
        if (!json && !quiet) {
            out.println(line);
            out.flush();
        }
    }

    /**
     * A line the user must see even with {@code --quiet} or {@code --json} (a wait on another session): on standard
     * output as text, else on standard error.
     */
    void notice(String line) {
        PrintWriter to = json || quiet ? err : out;
        to.println(line);
        to.flush();
    }

    /** A line of the command's result: shown as text unless {@code --json}. */
    void result(String line) {
        if (!json) {
            out.println(line);
            out.flush();
        }
    }

    /** A warning: on standard error, and in the JSON object's {@code warnings}. */
    void warn(String message) {
        err.println("Warning: " + message);
        err.flush();
        warnings.add(message);
    }

    /** Puts a field of the JSON object (ignored in text mode). */
    void put(String key, Object value) {
        doc.put(key, value);
    }

    /** The JSON object's field, or {@code null}. */
    Object get(String key) {
        return doc.get(key);
    }

    /** Ends a command that returned {@code exitCode}: with {@code --json} prints the object. */
    int finish(int exitCode) {
        if (json && !finished) {
            finished = true;
            Map<String, Object> result = Json.object();
            result.put("ok", exitCode == ExitCodes.OK);
            result.put("exitCode", exitCode);
            result.putAll(doc);
            if (!warnings.isEmpty()) {
                result.put("warnings", warnings);
            }
            out.println(Json.write(result));
            out.flush();
        }
        return exitCode;
    }

    /** Ends a failed command: the error on standard error, and with {@code --json} the object with the error too. */
    int fail(String message, int exitCode) {
        err.println("Error: " + message);
        err.flush();
        if (json && !finished) {
            doc.put("error", message);
        }
        return finish(exitCode);
    }
}
