package io.pgdbm.junit.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what dead runs left: every live run holds a session advisory lock for its run id, so a run id whose lock
 * can be taken belongs to a JVM that is gone (killed, crashed) and its databases are dropped. Unfinished templates
 * whose build lock is free are dropped too, and so are finished templates no live run uses unless templates are kept
 * ({@code pgdbm.test.templates.keep}). A database is dropped only when both its name has pgdbm's shape and its
 * comment is pgdbm's marker for it ({@link Names#runMarker}, {@link Names#TEMPLATE_MARKER}), or it has no comment but
 * the connection limit its {@code CREATE DATABASE} set ({@link Names#CONNECTION_LIMIT_MARK}: killed before the
 * comment); the name alone is never enough.
 */
final class Sweeper {
    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    private Sweeper() {
    }

    /** Sweeps using {@code lockConnection} (the caller's run lock session) for the try-locks. */
    static int sweep(Connection lockConnection, Admin admin, String ownRunId, boolean keepTemplates) throws SQLException {
        Map<String, List<String>> byRun = new TreeMap<>();
        List<String> unfinished = new ArrayList<>();
        try (Statement st = lockConnection.createStatement();
                ResultSet rs = st.executeQuery("SELECT datname, datistemplate, shobj_description(oid, 'pg_database'),"
                        + " datconnlimit FROM pg_database WHERE datname LIKE 'pgdbm\\_%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String comment = rs.getString(3);
                boolean uncommentedOwn = Names.isUncommentedOwn(comment, rs.getInt(4));
                Matcher m = Names.RUN_DATABASE.matcher(name);
                if (m.matches() && (Names.runMarker(m.group(1)).equals(comment) || uncommentedOwn)) {
                    byRun.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(name);
                } else if (Names.TEMPLATE.matcher(name).matches() && (Names.isTemplateMarker(comment) || uncommentedOwn)) {
                    if (!rs.getBoolean(2) || !keepTemplates) {
                        unfinished.add(name);
                    }
                } else if (m.matches() || Names.TEMPLATE.matcher(name).matches()) {
                    LOG.debug("pgdbm: leaving database {} alone: it has the shape of pgdbm's names but not its marker", name);
                }
            }
        }
        int dropped = 0;
        for (Map.Entry<String, List<String>> run : byRun.entrySet()) {
            String runId = run.getKey();
            if (runId.equals(ownRunId) || !Templates.tryLock(lockConnection, Names.runLockKey(runId))) {
                continue; // alive
            }
            try {
                for (String db : run.getValue()) {
                    admin.dropDatabase(db);
                    dropped++;
                }
                LOG.info("pgdbm: removed {} database(s) left by dead run {}", run.getValue().size(), runId);
            } finally {
                Templates.unlock(lockConnection, Names.runLockKey(runId));
            }
        }
        for (String template : unfinished) {
            if (Templates.dropTemplateIfFree(lockConnection, template, admin)) {
                dropped++;
            }
        }
        return dropped;
    }
}
