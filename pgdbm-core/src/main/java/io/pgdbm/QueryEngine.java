package io.pgdbm;

import io.pgdbm.internal.Columns;
import io.pgdbm.internal.Masking;
import io.pgdbm.internal.Templates;
import io.pgdbm.internal.sql.NamedSql;
import io.pgdbm.internal.sql.ParsedSql;
import io.pgdbm.internal.sql.SqlLexer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a manager and its transactions share: the schema, the cache of rendered SQL, the query listeners and the
 * command timeout. Thread-safe.
 */
final class QueryEngine {
    private static final int CACHE_LIMIT = 4096;

    private final String name;
    private final String schema;
    private final int queryTimeoutSeconds;
    private final ConcurrentHashMap<String, Prepared> cache = new ConcurrentHashMap<>();
    private final List<QueryListener> listeners = new CopyOnWriteArrayList<>();

    /** SQL after templating, and its JDBC form (parsed on first use: scripts run without arguments never need it). */
    static final class Prepared {
        private final String rendered;
        private volatile ParsedSql parsed;
        private volatile NamedSql named;
        private volatile Columns columns;

        Prepared(String rendered) {
            this.rendered = rendered;
        }

        String rendered() {
            return rendered;
        }

        ParsedSql parsed() {
            ParsedSql p = parsed;
            if (p == null) {
                try {
                    p = SqlLexer.parse(rendered);
                } catch (IllegalArgumentException e) {
                    throw new QueryException(e.getMessage(), rendered, null, null);
                }
                parsed = p;
            }
            return p;
        }

        /**
         * The columns of {@code rs}: the ones this SQL returned last time when the labels and types are the same
         * (checked on every call, so a changed table is seen at once), else described anew.
         */
        Columns columns(ResultSet rs) throws SQLException {
            Columns described = Columns.of(rs, columns);
            columns = described;
            return described;
        }

        /** The JDBC form of SQL written with {@code :name} parameters. */
        NamedSql named() {
            NamedSql n = named;
            if (n == null) {
                try {
                    n = SqlLexer.parseNamed(rendered);
                } catch (IllegalArgumentException e) {
                    throw new QueryException(e.getMessage(), rendered, null, null);
                }
                named = n;
            }
            return n;
        }
    }

    QueryEngine(String name, String schema, DatabaseConfig config) {
        this.name = name;
        this.schema = schema;
        this.queryTimeoutSeconds = clientTimeoutSeconds(config);
    }

    /**
     * The JDBC query timeout to set on each statement, or 0 for none. A client-side timeout costs a timer task
     * per statement, so it is only used when the server's {@code statement_timeout} would not fire first.
     */
    private static int clientTimeoutSeconds(DatabaseConfig config) {
        Duration command = config.commandTimeout();
        if (command.isZero() || config.statementTimeout().filter(s -> !s.isZero() && s.compareTo(command) <= 0).isPresent()) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, (command.toMillis() + 999) / 1000);
    }

    String name() {
        return name;
    }

    String schema() {
        return schema;
    }

    int queryTimeoutSeconds() {
        return queryTimeoutSeconds;
    }

    String render(String sql) {
        return Templates.render(sql, schema);
    }

    /** Templating, cached per SQL string (the schema is fixed per engine). */
    Prepared prepare(String sql) {
        Prepared p = cache.get(sql);
        if (p != null) {
            return p;
        }
        p = new Prepared(render(sql));
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(sql, p);
        return p;
    }

    void addListener(QueryListener listener) {
        listeners.add(listener);
    }

    void removeListener(QueryListener listener) {
        listeners.remove(listener);
    }

    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    void notify(String operation, String sql, Object[] args, long startNanos, long rows, SQLException failure, boolean inTransaction) {
        if (listeners.isEmpty()) {
            return;
        }
        QueryEvent event = new QueryEvent(name, operation, sql, Masking.maskArguments(args),
                Duration.ofNanos(System.nanoTime() - startNanos), rows, failure == null,
                failure == null ? null : failure.getSQLState(), inTransaction);
        for (QueryListener listener : listeners) {
            try {
                listener.onQuery(event);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(QueryEngine.class).warn("[{}] query listener {} failed: {}", name, listener, e.toString());
            }
        }
    }

    QueryException failure(String operation, String sql, Object[] args, SQLException e) {
        return new QueryException("[" + name + "] " + operation + " failed" + describeTimeout(e), sql, Masking.maskArguments(args),
                Masking.redact(e, args));
    }

    private static String describeTimeout(SQLException e) {
        String state = e.getSQLState();
        String message = String.valueOf(e.getMessage());
        if ("57014".equals(state) && message.contains("statement timeout")) {
            return ": statement_timeout fired (raise DatabaseConfig.statementTimeout or speed up the statement)";
        }
        if ("57014".equals(state)) {
            return ": the statement was cancelled (commandTimeout or an explicit cancel)";
        }
        if ("55P03".equals(state) && message.contains("lock timeout")) {
            return ": lock_timeout fired while waiting for a lock (raise DatabaseConfig.lockTimeout or find the blocking session)";
        }
        return "";
    }
}
