package io.pgdbm.junit.internal;

import io.pgdbm.internal.Identifiers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * pgdbm's database and schema names. Databases of a run are {@code pgdbm_<runid>_<seq>[_suffix]}, templates
 * {@code pgdbm_tpl_<hash16>}; only names of these shapes are ever dropped.
 */
public final class Names {
    /** Databases of a run, {@code pgdbm_<runid>_<seq>[_suffix]}: the run id is group 1. Templates never match. */
    public static final Pattern RUN_DATABASE = Pattern.compile("^pgdbm_([0-9a-z]{8})_([0-9]+)(?:_[a-z0-9_]*)?$");
    /**
     * The comment every run database carries, for people looking at the server. The sweep relies on the exact name
     * shape alone: a JVM killed between {@code CREATE DATABASE} and {@code COMMENT} leaves a database without it.
     */
    public static final String RUN_DATABASE_COMMENT = "pgdbm test database";
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
