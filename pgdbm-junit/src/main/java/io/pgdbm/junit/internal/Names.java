package io.pgdbm.junit.internal;

import io.pgdbm.internal.Identifiers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * pgdbm's database and schema names, and the markers its databases carry. Databases of a run are
 * {@code pgdbm_<runid>_<seq>[_suffix]} with the comment {@code pgdbm test database, run <runid>}, templates
 * {@code pgdbm_tpl_<hash16>} with the comment {@code pgdbm template layout=<hash>}. Only names of these shapes are
 * ever dropped, and the sweep of a later run drops only those that also carry the marker: a database of the user's
 * that happens to have such a name ({@code pgdbm_archives_2}) is never touched.
 */
public final class Names {
    /** Databases of a run, {@code pgdbm_<runid>_<seq>[_suffix]}: the run id is group 1. Templates never match. */
    public static final Pattern RUN_DATABASE = Pattern.compile("^pgdbm_([0-9a-z]{8})_([0-9]+)(?:_[a-z0-9_]*)?$");
    /**
     * The start of the comment every template carries (written right after its {@code CREATE DATABASE}, on the same
     * connection): the family marker {@link TemplateKey#comment()}.
     */
    static final String TEMPLATE_MARKER = "pgdbm template layout=";
    public static final Pattern TEMPLATE = Pattern.compile("^pgdbm_tpl_[0-9a-f]{16}$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";

    private Names() {
    }

    public static String newRunId() {
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            sb.append(BASE36.charAt(RANDOM.nextInt(36)));
        }
        return sb.toString();
    }

    /**
     * The {@code CONNECTION LIMIT} every database pgdbm creates gets in its {@code CREATE DATABASE} itself, so that a
     * JVM killed before the comment that follows still leaves a database the sweep can tell apart from a user's: no
     * server allows that many connections, so the limit changes nothing else.
     */
    public static final int CONNECTION_LIMIT_MARK = 1_885_626_989;

    /** Whether a database without a comment was still created by pgdbm: its comment was never written. */
    static boolean isUncommentedOwn(String comment, int connectionLimit) {
        return comment == null && connectionLimit == CONNECTION_LIMIT_MARK;
    }

    /**
     * The comment every database of run {@code runId} carries, written right after its {@code CREATE DATABASE} on the
     * same connection. The sweep drops a dead run's database only when its comment is exactly this, or when it has no
     * comment but {@link #CONNECTION_LIMIT_MARK} (the JVM was killed between the two statements).
     */
    public static String runMarker(String runId) {
        return "pgdbm test database, run " + runId;
    }

    static boolean isTemplateMarker(String comment) {
        return comment != null && comment.startsWith(TEMPLATE_MARKER);
    }

    public static String runLockKey(String runId) {
        return "pgdbm_run_" + runId;
    }

    public static String templateLockKey(String template) {
        return "pgdbm_template_" + template;
    }

    /** Held shared by every run that uses the template, so it is only dropped when no run needs it. */
    public static String templateUseKey(String template) {
        return "pgdbm_template_use_" + template;
    }

    public static String database(String runId, int seq, String suffix) {
        return fit("pgdbm_" + runId + "_" + seq, suffix, "database");
    }

    public static String schema(int seq, String base) {
        return fit("pgdbm_s" + seq, base, "schema");
    }

    public static String template(String hashHex) {
        return Identifiers.require("pgdbm_tpl_" + hashHex.substring(0, 16), "database");
    }

    /** Whether pgdbm may drop this database: one of a run's, or a template. */
    public static boolean isOwned(String database) {
        return RUN_DATABASE.matcher(database).matches() || TEMPLATE.matcher(database).matches();
    }

    private static String fit(String stem, String suffix, String kind) {
        String name = stem;
        if (suffix != null && !suffix.isBlank()) {
            String clean = suffix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            name = stem + "_" + clean;
            while (name.getBytes(StandardCharsets.UTF_8).length > 63) {
                name = name.substring(0, name.length() - 1);
            }
        }
        return Identifiers.require(name, kind);
    }
}
