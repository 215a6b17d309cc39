package io.pgdbm.junit.preparers;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What a piece of code prints to System.out and System.err (slf4j-simple's stream). */
final class ConsoleCapture {

    interface Body {
        void run() throws Exception;
    }

    private ConsoleCapture() {
    }

    /** The lines printed that are not DEBUG or TRACE log lines: console output, or log lines at INFO or above. */
    static java.util.List<String> loudLines(String printed) {
        return printed.lines().filter(l -> !l.isBlank())
                .filter(l -> !l.matches("^[0-9:.]+ \\[[^]]+\\] (DEBUG|TRACE) .*")).toList();
    }

    static String of(Body body) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream into = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(into);
        System.setErr(into);
        try {
            body.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
