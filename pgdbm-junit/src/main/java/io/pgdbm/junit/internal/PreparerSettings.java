package io.pgdbm.junit.internal;

import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** How a tool preparer's settings appear in its identity, and so in messages and logs: secrets masked. */
final class PreparerSettings {
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|secret|token|credential).*");

    private PreparerSettings() {
    }

    /** {@code {key=value, …}} in key order, the value of a key that names a secret shown as {@code ***}. */
    static String describe(SortedMap<String, String> settings) {
        StringJoiner joined = new StringJoiner(", ", "{", "}");
        for (Map.Entry<String, String> e : settings.entrySet()) {
            joined.add(e.getKey() + "=" + (SECRET.matcher(e.getKey()).matches() ? "***" : e.getValue()));
        }
        return joined.toString();
    }
}
