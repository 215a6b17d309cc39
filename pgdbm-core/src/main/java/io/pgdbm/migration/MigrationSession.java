package io.pgdbm.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session migration files run in. Each file should find the session as a fresh one would be, whatever the file
 * before it changed ({@code SET search_path}, {@code set_config(..., false)}, {@code SET ROLE}, temporary tables),
 * as when psql runs each file in a session of its own; and the connection goes back to the pool as it came.
 *
 * <p>{@code RESET ALL} alone would not do: it also resets what was {@code SET} when the connection was opened —
 * the driver sets {@code application_name} that way, and the pool's init commands run as {@code SET}s. Those
 * settings are read at the start of the first file and set again after each reset.
 */
final class MigrationSession {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationSession.class);
    /** Labels the result of {@link #prologue()} that lists the session's own settings. */
    static final String SETTING_LABEL = "pgdbm_setting";
    /** Settings given with SET in this session before migrating and settable by anyone (not SESSION AUTHORIZATION). */
    private static final String SESSION_SETTINGS = "SELECT name AS " + SETTING_LABEL + ", pg_catalog.current_setting(name)"
            + " FROM pg_catalog.pg_settings WHERE source = 'session' AND context = 'user'";

    private final String module;
    private final Duration statementTimeout;
    private static final String END = "CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; UNLISTEN *; "
            + "SELECT pg_catalog.pg_advisory_unlock_all(); DISCARD PLANS; DISCARD TEMP; DISCARD SEQUENCES;\n";

    private Map<String, String> original; // null until the prologue's result was read
    private String betweenFiles;
    private Boolean ended; // null: not yet; true/false: the epilogue ran/failed after the last file committed

    MigrationSession(String module, Duration statementTimeout) {
        this.module = module;
        this.statementTimeout = statementTimeout;
    }

    /**
     * SQL that starts the first file, in its round trip: reads the session's own settings (a result labelled
     * {@link #SETTING_LABEL}, to be given to {@link #read}) and sets the migration {@code statement_timeout} (zero:
     * none) for the session.
     */
    String prologue() {
        return SESSION_SETTINGS + ";\nSET statement_timeout = " + statementTimeout.toMillis() + ";\n";
    }

    /** Takes the session's settings from the result of {@link #prologue()}. */
    void read(ResultSet rs) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        while (rs.next()) {
            settings.put(rs.getString(1), rs.getString(2));
        }
        original = settings;
        Map<String, String> forFiles = new LinkedHashMap<>(settings);
        forFiles.put("statement_timeout", Long.toString(statementTimeout.toMillis()));
        betweenFiles = "RESET ALL;\nSET SESSION AUTHORIZATION DEFAULT;\nDISCARD TEMP;\n" + setAll(forFiles);
    }

    /**
     * SQL that puts the session back to how the first file found it; it runs before each later file, in that file's
     * transaction (settings changed by a committed {@code RESET} or {@code set_config} stay).
     */
    String betweenFiles() {
        if (betweenFiles == null) {
            throw new IllegalStateException("the first file's prologue was not read");
        }
        return betweenFiles;
    }

    /**
     * Undoes what the migration session may have changed — settings (the migration statement_timeout too), role,
     * cursors, listeners, advisory locks (the migration lock too), temporary tables — in one round trip, so the
     * connection can go back to the pool instead of being replaced. It is {@code DISCARD ALL} without its
     * {@code DEALLOCATE ALL}, which would invalidate the driver's prepared statements, and with the session's own
     * settings ({@code application_name}) set again. Returns false when the reset failed or the settings are unknown
     * (the caller then evicts the connection).
     */
    boolean end(Connection c) {
        if (ended != null) {
            return ended;
        }
        if (original == null) {
            return false; // the first file failed before its settings were read: only a new session is sure
        }
        try (Statement st = c.createStatement()) {
            st.execute(END + setAll(original));
            return true;
        } catch (SQLException e) {
            LOG.debug("[{}] could not reset the migration session, replacing the connection: {}", module, e.toString());
            return false;
        }
    }

    /**
     * The reset of {@link #end}, to follow the last file's {@code COMMIT} in the same round trip; {@code null} while
     * the session's settings are unknown (the last file is also the first). Report how it went with {@link #ended}.
     */
    String epilogue() {
        return original == null ? null : END + setAll(original);
    }

    /** Whether the {@link #epilogue()} ran; {@link #end} then only returns this. */
    void ended(boolean ok) {
        ended = ok;
    }

    /** One statement setting each of {@code settings} for the session, or nothing when there are none. */
    private static String setAll(Map<String, String> settings) {
        if (settings.isEmpty()) {
            return "";
        }
        return settings.entrySet().stream()
                .map(e -> "(" + HistoryTable.literal(e.getKey()) + ", " + HistoryTable.literal(e.getValue()) + ")")
                .collect(Collectors.joining(", ", "SELECT pg_catalog.set_config(s.name, s.value, false) FROM (VALUES ",
                        ") AS s(name, value);\n"));
    }
}
