package io.pgdbm.monitoring;

import io.pgdbm.DatabaseManager;
import io.pgdbm.QueryException;
import io.pgdbm.internal.Columns;
import io.pgdbm.internal.Masking;
import io.pgdbm.internal.sql.ParsedSql;
import io.pgdbm.internal.sql.SqlLexer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Runs {@code EXPLAIN (FORMAT JSON)} on a raw pooled connection, so query listeners (and monitors) do not see
 * it, and lets PostgreSQL flatten the JSON plan into rows, so core needs no JSON library.
 */
final class Explainer {
    private static final String FLATTEN = """
            WITH RECURSIVE plan(doc) AS (SELECT CAST(? AS jsonb) -> 0),
            node(path, n) AS (
                SELECT ARRAY[]::int[], doc -> 'Plan' FROM plan
                UNION ALL
                SELECT node.path || CAST(c.ord AS int), c.value
                FROM node CROSS JOIN LATERAL jsonb_array_elements(node.n -> 'Plans') WITH ORDINALITY AS c(value, ord)
            )
            SELECT array_to_string(path, '.'), n ->> 'Node Type', n ->> 'Relation Name',
                   CAST(n ->> 'Startup Cost' AS float8), CAST(n ->> 'Total Cost' AS float8),
                   CAST(n ->> 'Plan Rows' AS float8), CAST(n ->> 'Actual Total Time' AS float8),
                   CAST(n ->> 'Actual Rows' AS float8),
                   CAST((SELECT doc ->> 'Planning Time' FROM plan) AS float8),
                   CAST((SELECT doc ->> 'Execution Time' FROM plan) AS float8)
            FROM node ORDER BY path""";

    private Explainer() {
    }

    static ExplainPlan explain(DatabaseManager db, boolean analyze, String sql, Object[] args) {
        String rendered = db.prepareQuery(sql);
        String prefix = analyze ? "EXPLAIN (FORMAT JSON, ANALYZE, BUFFERS) " : "EXPLAIN (FORMAT JSON) ";
        ParsedSql parsed = args.length == 0 ? null : SqlLexer.parse(rendered);
        if (parsed != null && parsed.argumentCount() != args.length) {
            throw new QueryException("[" + db.name() + "] explain: the SQL expects " + parsed.argumentCount()
                    + " argument(s) but " + args.length + " were given", rendered, Masking.maskArguments(args), null);
        }
        try (Connection c = db.acquire()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                String json = planJson(c, prefix, rendered, parsed, args);
                return parse(c, json, analyze);
            } finally {
                // ANALYZE really runs the statement; rolling back keeps an explained write from changing data
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new QueryException("[" + db.name() + "] explain failed", prefix + rendered, Masking.maskArguments(args),
                    Masking.redact(e, args));
        }
    }

    private static String planJson(Connection c, String prefix, String rendered, ParsedSql parsed, Object[] args)
            throws SQLException {
        if (parsed == null) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(prefix + rendered)) {
                rs.next();
                return rs.getString(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(prefix + parsed.sql())) {
            int[] order = parsed.parameterOrder();
            for (int i = 0; i < order.length; i++) {
                Columns.bind(ps, i + 1, args[order[i]]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static ExplainPlan parse(Connection c, String json, boolean analyze) throws SQLException {
        Map<String, Draft> byPath = new HashMap<>();
        Draft root = null;
        OptionalDouble planning = OptionalDouble.empty();
        OptionalDouble execution = OptionalDouble.empty();
        try (PreparedStatement ps = c.prepareStatement(FLATTEN)) {
            ps.setString(1, json);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String path = rs.getString(1);
                    Draft d = new Draft(rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5),
                            rs.getDouble(6), optional(rs, 7), optional(rs, 8));
                    planning = optional(rs, 9);
                    execution = optional(rs, 10);
                    byPath.put(path, d);
                    if (path.isEmpty()) {
                        root = d;
                    } else {
                        int dot = path.lastIndexOf('.');
                        byPath.get(dot < 0 ? "" : path.substring(0, dot)).children.add(d);
                    }
                }
            }
        }
        if (root == null) {
            throw new SQLException("EXPLAIN returned no plan: " + json);
        }
        return new ExplainPlan(root.build(), analyze, planning, execution, json);
    }

    private static OptionalDouble optional(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static final class Draft {
        final String type;
        final String relation;
        final double startup;
        final double total;
        final double rows;
        final OptionalDouble actualTime;
        final OptionalDouble actualRows;
        final List<Draft> children = new ArrayList<>();

        Draft(String type, String relation, double startup, double total, double rows, OptionalDouble actualTime,
              OptionalDouble actualRows) {
            this.type = type;
            this.relation = relation;
            this.startup = startup;
            this.total = total;
            this.rows = rows;
            this.actualTime = actualTime;
            this.actualRows = actualRows;
        }

        PlanNode build() {
            return new PlanNode(type, Optional.ofNullable(relation), startup, total, rows, actualTime, actualRows,
                    children.stream().map(Draft::build).toList());
        }
    }
}
