package io.pgdbm.migration;

import io.pgdbm.internal.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The history table of reference §4.2 — same columns, unique key and index — in the manager's schema (quoted),
 * or unqualified (search path) for an owning manager without one.
 */
final class HistoryTable {
    private static final String COLUMNS = "filename, checksum, module_name, applied_at, applied_by, execution_time_ms";
    /** Concurrent CREATE ... IF NOT EXISTS can still collide on a catalog index; the object then exists. */
    private static final List<String> CREATE_RACE_STATES = List.of("23505", "42P06", "42P07", "42710");

    private final String schema;
    private final String table;
    private final String qualified;

    HistoryTable(String schema, String table) {
        this(schema, Identifiers.require(table, "migrations table"),
                schema == null ? table : Identifiers.quote(schema, "schema") + '.' + table);
    }

    private HistoryTable(String schema, String table, String qualified) {
        this.schema = schema;
        this.table = table;
        this.qualified = qualified;
    }

    /**
     * This table named with its schema even when the manager has none (then the schema the search path finds it
     * in now), so that writing to it does not depend on the search path a migration file may have changed
     * ({@code SELECT pg_catalog.set_config('search_path', '', false)}, as pg_dump writes). Call after {@link #ensure}.
     */
    HistoryTable schemaQualified(Connection c) throws SQLException {
        if (schema != null) {
            return this;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname FROM pg_catalog.pg_class r"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace WHERE r.oid = pg_catalog.to_regclass(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the history table " + table + " is not on the search path", "42P01");
                }
                String found = rs.getString(1);
                return new HistoryTable(found, table, '"' + found.replace("\"", "\"\"") + "\"." + table);
            }
        }
    }

    String table() {
        return table;
    }

    String qualifiedName() {
        return qualified;
    }

    /**
     * Creates the schema, the table and its index when the table is missing: one query to look, one to create.
     * Existence is checked first, so a role without CREATE privileges can run migrations against a table someone
     * else created (and into a schema someone else created).
     *
     * @return true when this call created the table (so it is empty)
     */
    boolean ensure(Connection c) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            Found found = look(c);
            if (found.table()) {
                return false;
            }
            String create = (!found.schema() ? "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema, "schema") + ";\n" : "")
                    + "CREATE TABLE IF NOT EXISTS " + qualified + " (\n"
                    + "  id SERIAL PRIMARY KEY,\n"
                    + "  filename VARCHAR(255) NOT NULL,\n"
                    + "  checksum VARCHAR(64) NOT NULL,\n"
                    + "  module_name VARCHAR(100),\n"
                    + "  applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                    + "  applied_by VARCHAR(100) DEFAULT CURRENT_USER,\n"
                    + "  execution_time_ms INTEGER,\n"
                    + "  UNIQUE(filename, module_name));\n"
                    + "CREATE INDEX IF NOT EXISTS idx_" + table + "_module ON " + qualified + "(module_name, filename)";
            try (Statement st = c.createStatement()) {
                st.execute(create); // one implicit transaction: all of it or none
                return true;
            } catch (SQLException e) {
                if (attempt >= 3 || !CREATE_RACE_STATES.contains(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    boolean exists(Connection c) throws SQLException {
        return look(c).table();
    }

    /** Whether the table exists, and whether its schema does ({@code true} for an unqualified table). */
    private record Found(boolean table, boolean schema) {
    }

    private Found look(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT to_regclass(?) IS NOT NULL, ?::text IS NULL OR EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)")) {
            ps.setString(1, qualified);
            ps.setString(2, schema);
            ps.setString(3, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Found(rs.getBoolean(1), rs.getBoolean(2));
            }
        }
    }

    /**
     * The module's rows and legacy rows without a module, by file name and then in the order they were written
     * (a legacy row and the module's own row for one file: the later counts, as the last row read does in the
     * original); empty when the table does not exist.
     * Call on an autocommit connection (a missing table would otherwise abort the transaction).
     */
    List<AppliedMigration> applied(Connection c, String module) throws SQLException {
        return read(c, "SELECT " + COLUMNS + " FROM " + qualified
                + " WHERE module_name = ? OR module_name IS NULL ORDER BY filename, id", module, 0);
    }

    /** The newest {@code limit} rows of the module (and legacy rows), newest first. */
    List<AppliedMigration> history(Connection c, String module, int limit) throws SQLException {
        return read(c, "SELECT " + COLUMNS + " FROM " + qualified
                + " WHERE module_name = ? OR module_name IS NULL ORDER BY applied_at DESC, id DESC LIMIT ?", module, limit);
    }

    private List<AppliedMigration> read(Connection c, String sql, String module, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, module);
            if (limit > 0) {
                ps.setInt(2, limit);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<AppliedMigration> rows = new ArrayList<>();
                while (rs.next()) {
                    Number ms = (Number) rs.getObject(6);
                    rows.add(new AppliedMigration(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, LocalDateTime.class), rs.getString(5),
                            ms == null ? null : Duration.ofMillis(ms.longValue())));
                }
                return rows;
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return List.of(); // no history table yet: nothing applied
            }
            throw e;
        }
    }

    /** The column label of the execution time returned by {@link #insertSql}. */
    static final String MILLIS_LABEL = "pgdbm_file_ms";

    /**
     * An INSERT of a file's row with literal values (for a multi-statement string), its execution time computed by
     * {@code millisExpression}, returning that time labelled {@link #MILLIS_LABEL}.
     */
    String insertSql(Migration m, String module, String millisExpression) {
        return "INSERT INTO " + qualified + " (filename, checksum, module_name, execution_time_ms) VALUES ("
                + literal(m.filename()) + ", " + literal(m.checksum()) + ", " + literal(module) + ", " + millisExpression
                + ") RETURNING execution_time_ms AS " + MILLIS_LABEL;
    }

    /** An escape-string literal: right whatever {@code standard_conforming_strings} says. */
    static String literal(String value) {
        return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** Inserts the rows of several files in one batch. */
    void insertAll(Connection c, List<Migration> files, String module, List<Long> executionMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + qualified
                + " (filename, checksum, module_name, execution_time_ms) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < files.size(); i++) {
                ps.setString(1, files.get(i).filename());
                ps.setString(2, files.get(i).checksum());
                ps.setString(3, module);
                ps.setInt(4, (int) Math.min(Integer.MAX_VALUE, executionMillis.get(i)));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The recorded execution time of the module's row for the file, or {@code null} when there is no such row. */
    Long recordedMillis(Connection c, Migration m, String module) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(execution_time_ms, 1) FROM " + qualified
                + " WHERE filename = ? AND module_name = ?")) {
            ps.setString(1, m.filename());
            ps.setString(2, module);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
