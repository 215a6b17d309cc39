package io.pgdbm.junit.operations;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Everything an exception would show anyone: message, toString and stack trace, causes and suppressed included. */
final class ExceptionText {
    private ExceptionText() {
    }

    static String of(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.append('\n').append(c.toString()).append('\n').append(String.valueOf(c.getMessage()));
        }
        return out.toString();
    }
}
